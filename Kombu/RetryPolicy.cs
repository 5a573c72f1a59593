using Kombu.Transport;

namespace Kombu;

/// <summary>How an operation is retried when the connection or channel fails.</summary>
/// <remarks>
/// The keyword arguments of Kombu's <c>Connection.ensure</c> (<c>retry_policy</c>). Unset intervals take the defaults
/// of the method using the policy (1 s, 1 s, 1 s for <c>Ensure</c>). The sleep goes from
/// <see cref="IntervalStart"/> up by <see cref="IntervalStep"/> to at most start + max.
/// </remarks>
public sealed class RetryPolicy
{
    private readonly int? _maxRetries;

    /// <summary>Retries allowed after the first attempt; <see langword="null"/> retries forever, 0 makes one attempt.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int? MaxRetries
    {
        get => _maxRetries;
        init => _maxRetries = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "MaxRetries cannot be negative.");
    }

    /// <summary>The first sleep between retries.</summary>
    public TimeSpan? IntervalStart { get; init; }

    /// <summary>How much each sleep grows.</summary>
    public TimeSpan? IntervalStep { get; init; }

    /// <summary>The largest growth of the sleep above <see cref="IntervalStart"/>.</summary>
    public TimeSpan? IntervalMax { get; init; }

    /// <summary>Called with the error and the coming sleep after each failure.</summary>
    public Action<Exception, TimeSpan>? Errback { get; init; }

    /// <summary>Called with the new channel after the connection was re-established.</summary>
    public Action<IChannel>? OnRevive { get; init; }

    /// <summary>More error types that are retried without reconnecting.</summary>
    public IReadOnlyList<Type>? RetryErrors { get; init; }
}
