using Kombu.Exceptions;

namespace Kombu.Utils;

/// <summary>A token bucket rate limiter that also holds a first-in first-out queue of pending items.</summary>
/// <remarks>
/// Kombu's <c>kombu.utils.limits.TokenBucket</c>. The bucket starts full and refills at <see cref="FillRate"/> tokens per
/// second up to <see cref="Capacity"/>. Unlike Kombu, the refill clock restarts whenever the bucket is checked, even
/// when full, so an idle period cannot add tokens beyond the capacity on the next refill. All members are thread-safe.
/// </remarks>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly Queue<object> _pending = new();
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _timestamp;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="fillRate">Tokens added per second.</param>
    /// <param name="capacity">The most tokens the bucket holds.</param>
    /// <param name="timeProvider">The clock that measures refills; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fillRate"/> or <paramref name="capacity"/> is negative or not finite.</exception>
    public TokenBucket(double fillRate, double capacity = 1, TimeProvider? timeProvider = null)
    {
        if (!double.IsFinite(fillRate) || fillRate < 0)
            throw new ArgumentOutOfRangeException(nameof(fillRate), fillRate, ErrorMessages.NotFiniteOrNegative(fillRate));
        if (!double.IsFinite(capacity) || capacity < 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, ErrorMessages.NotFiniteOrNegative(capacity));
        FillRate = fillRate;
        Capacity = capacity;
        _clock = timeProvider ?? TimeProvider.System;
        _tokens = capacity;
        _timestamp = _clock.GetTimestamp();
    }

    /// <summary>Gets the number of tokens added per second.</summary>
    public double FillRate { get; }

    /// <summary>Gets the largest number of tokens the bucket holds.</summary>
    public double Capacity { get; }

    /// <summary>Takes <paramref name="tokens"/> tokens from the bucket if it holds that many.</summary>
    /// <param name="tokens">How many tokens to take.</param>
    /// <returns><see langword="true"/> when the tokens were taken; <see langword="false"/> when too few are available.</returns>
    public bool CanConsume(double tokens = 1)
    {
        lock (_gate)
        {
            Refill();
            if (tokens > _tokens)
                return false;
            _tokens -= tokens;
            return true;
        }
    }

    /// <summary>Returns how long until <paramref name="tokens"/> tokens are available, without taking any.</summary>
    /// <param name="tokens">How many tokens are wanted.</param>
    /// <returns>Zero when they are available now; <see cref="TimeSpan.MaxValue"/> when the fill rate is zero and they never will be.</returns>
    /// <remarks>
    /// Kombu's <c>expected_time</c>. Kombu's documentation warns that it consumes a token, but neither Kombu 2.2's code
    /// nor Kombu 5's takes one (the warning came with the recipe the code was taken from), and neither does this.
    /// </remarks>
    public TimeSpan ExpectedTime(double tokens = 1)
    {
        lock (_gate)
        {
            Refill();
            var missing = tokens - _tokens;
            if (missing <= 0)
                return TimeSpan.Zero;
            return FillRate == 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(missing / FillRate);
        }
    }

    /// <summary>Appends an item to the pending queue.</summary>
    /// <param name="item">The item waiting for tokens.</param>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public void Add(object item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
            _pending.Enqueue(item);
    }

    /// <summary>Removes and returns the oldest pending item.</summary>
    /// <returns>The item added first among those still pending.</returns>
    /// <exception cref="InvalidOperationException">No item is pending.</exception>
    public object Pop()
    {
        lock (_gate)
        {
            if (!_pending.TryDequeue(out var item))
                throw new InvalidOperationException(ErrorMessages.TokenBucketEmpty);
            return item;
        }
    }

    /// <summary>Discards every pending item.</summary>
    public void ClearPending()
    {
        lock (_gate)
            _pending.Clear();
    }

    private void Refill()
    {
        var now = _clock.GetTimestamp();
        if (_tokens < Capacity)
        {
            var added = FillRate * _clock.GetElapsedTime(_timestamp, now).TotalSeconds;
            _tokens = Math.Min(Capacity, _tokens + added);
        }
        _timestamp = now;
    }
}
