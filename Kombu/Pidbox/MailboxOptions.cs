using Kombu.Clocks;

namespace Kombu.Pidbox;

/// <summary>Settings of a <see cref="Mailbox"/>: serializer, accepted content, clock and queue lifetimes.</summary>
/// <remarks>Gathers the keyword arguments of Kombu's <c>Mailbox.__init__</c> after <c>type</c> and <c>connection</c>.</remarks>
public sealed class MailboxOptions
{
    private readonly TimeSpan? _queueTtl;
    private readonly TimeSpan? _queueExpires;
    private readonly TimeSpan? _replyQueueTtl;
    private readonly TimeSpan? _replyQueueExpires = TimeSpan.FromSeconds(10);

    /// <summary>Serializer of requests and replies; <see langword="null"/> uses the producer default (json).</summary>
    public string? Serializer { get; init; }

    /// <summary>Content types accepted by nodes and reply collectors; <see langword="null"/> for the registry defaults.</summary>
    public IEnumerable<string>? Accept { get; init; }

    /// <summary>The Lamport clock stamped on requests and replies; a new clock when not set.</summary>
    public LamportClock? Clock { get; init; }

    /// <summary>Message time-to-live of node queues (<c>x-message-ttl</c>); Kombu's <c>queue_ttl</c>.</summary>
    public TimeSpan? QueueTtl { get => _queueTtl; init => _queueTtl = Positive(value); }

    /// <summary>Idle expiry of node queues (<c>x-expires</c>); Kombu's <c>queue_expires</c>.</summary>
    public TimeSpan? QueueExpires { get => _queueExpires; init => _queueExpires = Positive(value); }

    /// <summary>Message time-to-live of reply queues (<c>x-message-ttl</c>); Kombu's <c>reply_queue_ttl</c>.</summary>
    public TimeSpan? ReplyQueueTtl { get => _replyQueueTtl; init => _replyQueueTtl = Positive(value); }

    /// <summary>Idle expiry of reply queues (<c>x-expires</c>, default 10 s); Kombu's <c>reply_queue_expires</c>.</summary>
    public TimeSpan? ReplyQueueExpires { get => _replyQueueExpires; init => _replyQueueExpires = Positive(value); }

    /// <summary>Declare node and reply queues exclusive (default true, as Kombu 5.6).</summary>
    public bool QueueExclusive { get; init; } = true;

    /// <summary>Declare node and reply queues durable (default false); they auto-delete when not durable.</summary>
    public bool QueueDurable { get; init; }

    private static TimeSpan? Positive(TimeSpan? value) =>
        value is { } v && v < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), v, null) : value;
}
