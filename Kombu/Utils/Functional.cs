namespace Kombu.Utils;

/// <summary>Interval generators and the retry loop used when (re)connecting.</summary>
/// <remarks>Kombu's <c>kombu.utils.functional</c> module (<c>fxrange</c>, <c>retry_over_time</c>).</remarks>
public static partial class Functional
{
    /// <summary>Yields <paramref name="start"/>, <paramref name="start"/> + <paramref name="step"/>, … while the value is at most <paramref name="stop"/>.</summary>
    /// <remarks>
    /// Kombu's <c>fxrange</c>. A <paramref name="stop"/> of null or 0 never stops. Past the stop value the sequence
    /// ends, or with <paramref name="repeatLast"/> it repeats the last value yielded forever.
    /// </remarks>
    /// <param name="start">The first value.</param>
    /// <param name="stop">The largest value to yield; null or 0 for none.</param>
    /// <param name="step">The increment between values.</param>
    /// <param name="repeatLast">Whether to repeat the last value forever instead of ending.</param>
    /// <returns>The lazily generated sequence.</returns>
    public static IEnumerable<double> Fxrange(double start = 1.0, double? stop = null, double step = 1.0, bool repeatLast = false)
    {
        var current = start;
        while (true)
        {
            if (stop is null || stop.Value == 0 || current <= stop.Value)
            {
                yield return current;
                current += step;
            }
            else if (repeatLast)
            {
                yield return current - step;
            }
            else
            {
                yield break;
            }
        }
    }

    /// <summary>Yields the sleep intervals of a retry policy: from the start value upward by the step, then the last one forever.</summary>
    /// <remarks>
    /// The stop value is <paramref name="intervalStart"/> + <paramref name="intervalMax"/>, not
    /// <paramref name="intervalMax"/>: (2, 2, 30) gives 2, 4, …, 30, 32, 32, ….
    /// </remarks>
    /// <param name="intervalStart">The first interval, in seconds.</param>
    /// <param name="intervalStep">The increase per retry, in seconds.</param>
    /// <param name="intervalMax">How far above the start the intervals may grow, in seconds.</param>
    /// <returns>The endless interval sequence.</returns>
    public static IEnumerable<TimeSpan> RetryIntervals(double intervalStart, double intervalStep, double intervalMax) =>
        Fxrange(intervalStart, intervalStart + intervalMax, intervalStep, repeatLast: true).Select(TimeSpan.FromSeconds);
}
