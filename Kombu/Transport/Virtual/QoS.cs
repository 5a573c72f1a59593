namespace Kombu.Transport.Virtual;

/// <summary>Prefetch limit and unacknowledged-message bookkeeping of one virtual channel.</summary>
/// <remarks>
/// Kombu's <c>virtual.QoS</c>. Only <see cref="PrefetchCount"/> is supported. Delivered messages stay here until
/// acknowledged or rejected; the channel restores the rest when it closes.
/// </remarks>
public class QoS
{
    private readonly VirtualChannel _channel;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Envelope> _delivered = new(StringComparer.Ordinal);
    private long _deliveredCount;
    private bool _restored;

    /// <summary>Creates the bookkeeping for <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel whose deliveries are tracked; restores go through it.</param>
    /// <param name="prefetchCount">Initial prefetch count; 0 means no limit.</param>
    public QoS(VirtualChannel channel, int prefetchCount = 0)
    {
        _channel = channel;
        PrefetchCount = prefetchCount;
    }

    /// <summary>How many messages may be delivered and unacknowledged at once; 0 means no limit.</summary>
    public int PrefetchCount { get; set; }

    /// <summary>Whether unacknowledged messages are restored when the channel closes.</summary>
    public bool RestoreAtShutdown { get; set; } = true;

    /// <summary>How many messages were ever appended (delivered with acknowledgement expected).</summary>
    public long DeliveredCount => Interlocked.Read(ref _deliveredCount);

    /// <summary>How many delivered messages are neither acknowledged nor rejected.</summary>
    public int UnackedCount
    {
        get
        {
            lock (_lock)
                return _delivered.Count;
        }
    }

    /// <summary>Whether the prefetch limit allows another delivery.</summary>
    /// <returns><see langword="true"/> when another message may be consumed.</returns>
    public bool CanConsume()
    {
        var limit = PrefetchCount;
        return limit <= 0 || UnackedCount < limit;
    }

    /// <summary>How many more messages the prefetch limit allows, or <see langword="null"/> when unlimited.</summary>
    /// <returns>The remaining window (never negative), or <see langword="null"/>.</returns>
    public int? CanConsumeMaxEstimate()
    {
        var limit = PrefetchCount;
        return limit <= 0 ? null : Math.Max(limit - UnackedCount, 0);
    }

    /// <summary>Records a delivered message awaiting acknowledgement.</summary>
    /// <param name="envelope">The delivered message.</param>
    /// <param name="deliveryTag">Its delivery tag.</param>
    public void Append(Envelope envelope, string deliveryTag)
    {
        lock (_lock)
            _delivered[deliveryTag] = envelope;
        Interlocked.Increment(ref _deliveredCount);
    }

    /// <summary>Finds an unacknowledged message by delivery tag.</summary>
    /// <param name="deliveryTag">The delivery tag.</param>
    /// <returns>The message, or <see langword="null"/> when the tag is unknown or settled.</returns>
    public Envelope? Get(string deliveryTag)
    {
        lock (_lock)
            return _delivered.GetValueOrDefault(deliveryTag);
    }

    /// <summary>Acknowledges a message, forgetting it; an unknown tag is ignored.</summary>
    /// <param name="deliveryTag">The delivery tag.</param>
    /// <returns><see langword="true"/> when the tag was known.</returns>
    public bool Ack(string deliveryTag) => TakeOrDefault(deliveryTag) is not null;

    /// <summary>Rejects a message: forgets it, and restores it when <paramref name="requeue"/> is set.</summary>
    /// <param name="deliveryTag">The delivery tag; an unknown tag is ignored.</param>
    /// <param name="requeue">Put the message back on its queue(s), marked redelivered.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async ValueTask RejectAsync(string deliveryTag, bool requeue = false, CancellationToken cancellationToken = default)
    {
        var envelope = TakeOrDefault(deliveryTag);
        if (envelope is not null && requeue)
            await _channel.RestoreAtBeginningAsync(envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Restores every unacknowledged message to its queue(s), marked redelivered.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The errors met; the messages concerned are logged and lost.</returns>
    public async ValueTask<IReadOnlyList<Exception>> RestoreUnackedAsync(CancellationToken cancellationToken = default)
    {
        Envelope[] pending;
        lock (_lock)
        {
            pending = [.. _delivered.Values];
            _delivered.Clear();
        }
        List<Exception>? errors = null;
        foreach (var envelope in pending)
        {
            try
            {
                await _channel.RestoreAsync(envelope, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _channel.OnRestoreFailed(envelope, ex);
                (errors ??= []).Add(ex);
            }
        }
        return errors ?? (IReadOnlyList<Exception>)[];
    }

    /// <summary>Restores unacknowledged messages at shutdown, once per instance and only if <see cref="RestoreAtShutdown"/>.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The errors met.</returns>
    public ValueTask<IReadOnlyList<Exception>> RestoreUnackedOnceAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_restored || !RestoreAtShutdown)
                return new ValueTask<IReadOnlyList<Exception>>([]);
            _restored = true;
        }
        return RestoreUnackedAsync(cancellationToken);
    }

    private Envelope? TakeOrDefault(string deliveryTag)
    {
        lock (_lock)
            return _delivered.Remove(deliveryTag, out var envelope) ? envelope : null;
    }
}
