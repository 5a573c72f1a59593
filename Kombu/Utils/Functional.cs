namespace Kombu.Utils;

/// <summary>Interval generators and the retry loop used when (re)connecting.</summary>
/// <remarks>Kombu's <c>kombu.utils.functional</c> module (<c>fxrange</c>, <c>retry_over_time</c>).</remarks>
public static class Functional
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

    // The retry loop, synchronous and asynchronous.
    /// <summary>Calls a function until it succeeds, sleeping between attempts that fail with one of the given errors.</summary>
    /// <remarks>
    /// Kombu's <c>retry_over_time</c>. On a caught error the exception is rethrown when <paramref name="maxRetries"/>
    /// retries have been made (null retries forever, 0 makes a single attempt, N makes N + 1) or when the
    /// <paramref name="timeout"/> deadline has passed. Otherwise <paramref name="callback"/> is called, the next interval
    /// is taken from <see cref="RetryIntervals"/> and passed to <paramref name="errback"/>, whose non-null result replaces
    /// it, and the loop sleeps: one second at a time, calling <paramref name="callback"/> before each whole second,
    /// then for the fraction left. Kombu's errback receives the interval iterator and the retry count instead.
    /// </remarks>
    /// <typeparam name="T">The function's result type.</typeparam>
    /// <param name="fun">The function to call.</param>
    /// <param name="catchErrors">The exception types that cause a retry; others propagate at once.</param>
    /// <param name="maxRetries">The largest number of retries, or null for no limit.</param>
    /// <param name="errback">Called with each caught error and the planned sleep; a non-null result is slept instead.</param>
    /// <param name="intervalStart">The first sleep, in seconds.</param>
    /// <param name="intervalStep">The increase of the sleep per retry, in seconds.</param>
    /// <param name="intervalMax">How far above the first sleep the sleeps may grow, in seconds.</param>
    /// <param name="callback">Called after each failure and before each whole second of sleep.</param>
    /// <param name="timeout">How long to keep retrying from the first call; null or zero for no limit.</param>
    /// <param name="timeProvider">The clock for the deadline and the sleeps; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Stops the retries, including a sleep in progress.</param>
    /// <returns>The function's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fun"/> or <paramref name="catchErrors"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRetries"/> is negative.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static T RetryOverTime<T>(Func<T> fun, IReadOnlyList<Type> catchErrors, int? maxRetries = null,
        Func<Exception, TimeSpan, TimeSpan?>? errback = null, double intervalStart = 2, double intervalStep = 2,
        double intervalMax = 30, Action? callback = null, TimeSpan? timeout = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fun);
        // One retry loop: the async one, waited on once.
        return SyncOverAsync.Wait(RetryOverTimeAsync(_ => Task.FromResult(fun()), catchErrors, maxRetries, errback,
            intervalStart, intervalStep, intervalMax, callback, timeout, timeProvider, cancellationToken));
    }

    /// <inheritdoc cref="RetryOverTime"/>
    public static async Task<T> RetryOverTimeAsync<T>(Func<CancellationToken, Task<T>> fun, IReadOnlyList<Type> catchErrors,
        int? maxRetries = null, Func<Exception, TimeSpan, TimeSpan?>? errback = null, double intervalStart = 2,
        double intervalStep = 2, double intervalMax = 30, Action? callback = null, TimeSpan? timeout = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var clock = timeProvider ?? TimeProvider.System;
        return await RetryOverTimeAsync(fun, catchErrors, maxRetries, errback, intervalStart, intervalStep, intervalMax,
            callback, timeout, clock, async (tick, token) =>
            {
                await Task.Delay(tick, clock, token).ConfigureAwait(false);
                return false;
            }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The retry loop with its sleeps taken by <paramref name="wait"/>, which returns <see langword="true"/> to
    /// end a sleep early and retry at once.</summary>
    internal static async Task<T> RetryOverTimeAsync<T>(Func<CancellationToken, Task<T>> fun, IReadOnlyList<Type> catchErrors,
        int? maxRetries, Func<Exception, TimeSpan, TimeSpan?>? errback, double intervalStart, double intervalStep,
        double intervalMax, Action? callback, TimeSpan? timeout, TimeProvider clock,
        Func<TimeSpan, CancellationToken, Task<bool>> wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fun);
        var loop = new RetryLoop(catchErrors, maxRetries, errback, RetryIntervals(intervalStart, intervalStep, intervalMax),
            callback, timeout, clock);
        for (var retries = 0; ; retries++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan sleep;
            try
            {
                return await fun(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (loop.Catches(error))
            {
                if (loop.GivesUp(retries))
                    throw;
                sleep = loop.NextSleep(error);
            }
            foreach (var tick in loop.Ticks(sleep))
            {
                if (await wait(tick, cancellationToken).ConfigureAwait(false))
                    break;
            }
        }
    }
}
