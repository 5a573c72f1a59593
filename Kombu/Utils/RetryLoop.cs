using Kombu.Exceptions;

namespace Kombu.Utils;

/// <summary>The state and decisions shared by the synchronous and asynchronous retry loops.</summary>
internal sealed class RetryLoop
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<Type> _catchErrors;
    private readonly int? _maxRetries;
    private readonly Func<Exception, TimeSpan, TimeSpan?>? _errback;
    private readonly IEnumerator<TimeSpan> _intervals;
    private readonly Action? _callback;
    private readonly DateTimeOffset? _deadline;

    /// <summary>Starts a retry loop; the timeout deadline counts from now.</summary>
    public RetryLoop(IReadOnlyList<Type> catchErrors, int? maxRetries, Func<Exception, TimeSpan, TimeSpan?>? errback,
        IEnumerable<TimeSpan> intervals, Action? callback, TimeSpan? timeout, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(catchErrors);
        if (maxRetries is < 0)
            throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, ErrorMessages.NotFiniteOrNegative(maxRetries.Value));
        _catchErrors = catchErrors;
        _maxRetries = maxRetries;
        _errback = errback;
        _intervals = intervals.GetEnumerator();
        _callback = callback;
        Clock = clock;
        _deadline = timeout is { } limit && limit != TimeSpan.Zero ? clock.GetUtcNow() + limit : null;
    }

    /// <summary>Gets the clock used for the deadline and the sleeps.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Determines whether an error is one of the retried types.</summary>
    public bool Catches(Exception error) => _catchErrors.Any(type => type.IsInstanceOfType(error));

    /// <summary>Determines whether to rethrow after the failure of attempt number <paramref name="retries"/> (from 0).</summary>
    public bool GivesUp(int retries) =>
        (_maxRetries is { } max && retries >= max) || (_deadline is { } deadline && Clock.GetUtcNow() > deadline);

    /// <summary>Calls the callback, takes the next interval and lets the errback replace it.</summary>
    public TimeSpan NextSleep(Exception error)
    {
        _callback?.Invoke();
        _intervals.MoveNext();
        var interval = _intervals.Current;
        var sleep = _errback is null ? interval : _errback(error, interval) ?? interval;
        return sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep;
    }

    /// <summary>Splits a sleep into whole seconds, each preceded by a callback, and the fraction left.</summary>
    public IEnumerable<TimeSpan> Ticks(TimeSpan sleep)
    {
        var remaining = sleep;
        while (remaining >= Tick)
        {
            _callback?.Invoke();
            yield return Tick;
            remaining -= Tick;
        }
        if (remaining > TimeSpan.Zero)
            yield return remaining;
    }
}
