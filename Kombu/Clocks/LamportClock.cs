using System.Globalization;

namespace Kombu.Clocks;

/// <summary>A thread-safe Lamport logical clock, used to order events between processes.</summary>
/// <remarks>
/// Kombu's <c>kombu.clocks.LamportClock</c>. Call <see cref="Forward"/> before sending an event and
/// <see cref="Adjust"/> with the sender's clock value when receiving one.
/// </remarks>
public sealed class LamportClock
{
    private long _value;

    /// <summary>Creates a clock.</summary>
    /// <param name="initialValue">The starting value.</param>
    public LamportClock(long initialValue = 0) => _value = initialValue;

    /// <summary>Gets the current value.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Advances the clock by one for a local event.</summary>
    /// <returns>The new value.</returns>
    public long Forward() => Interlocked.Increment(ref _value);

    /// <summary>Moves the clock past a value received from another process: the new value is max(current, other) + 1.</summary>
    /// <param name="other">The other process's clock value.</param>
    /// <returns>The new value.</returns>
    public long Adjust(long other)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _value);
            var next = Math.Max(current, other) + 1;
            if (Interlocked.CompareExchange(ref _value, next, current) == current)
                return next;
        }
    }

    /// <summary>Returns the current value as text.</summary>
    /// <returns>The value in invariant culture.</returns>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
