using Kombu.Exceptions;

namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    private readonly Lock _consumersLock = new();
    private readonly Dictionary<string, ChannelConsumer> _consumersByTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChannelConsumer> _consumersByQueue = new(StringComparer.Ordinal);
    private readonly HashSet<string> _noAckConsumers = new(StringComparer.Ordinal);
    private readonly FairCycle<string> _queueCycle;
    private string[] _activeQueues = [];

    /// <inheritdoc/>
    public IReadOnlySet<string> NoAckConsumers => _noAckConsumers;

    /// <summary>The queues this channel consumes from, in polling order.</summary>
    public IReadOnlyList<string> ActiveQueues => Volatile.Read(ref _activeQueues);

    /// <inheritdoc/>
    public async ValueTask<IncomingMessage?> BasicGetAsync(string queue, bool noAck = false, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        Envelope? envelope;
        try
        {
            envelope = await GetAsync(queue, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidEnvelopeException ex)
        {
            return Undecodable(ex, null);
        }
        if (envelope is null)
            return null;
        await RecordDeliveryAsync(envelope, noAck, cancellationToken).ConfigureAwait(false);
        return ToIncoming(envelope, null);
    }

    /// <inheritdoc/>
    public async ValueTask<string> BasicConsumeAsync(string queue, bool noAck, MessageHandler callback, string consumerTag = "",
        bool nowait = false, IDictionary<string, object?>? arguments = null, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        if (string.IsNullOrEmpty(consumerTag))
            consumerTag = "amq.ctag-" + Guid.NewGuid().ToString("N");
        var consumer = new ChannelConsumer(consumerTag, queue, noAck, callback);
        lock (_consumersLock)
        {
            RemoveConsumer(consumerTag);
            _consumersByTag[consumerTag] = consumer;
            _consumersByQueue[queue] = consumer;
            if (noAck)
                _noAckConsumers.Add(consumerTag);
            if (Array.IndexOf(_activeQueues, queue) < 0)
                SetActiveQueues([.. _activeQueues, queue]);
        }
        await OnConsumersChangedAsync(cancellationToken).ConfigureAwait(false);
        return consumerTag;
    }

    /// <inheritdoc/>
    public ValueTask BasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default)
    {
        lock (_consumersLock)
            RemoveConsumer(consumerTag);
        return OnConsumersChangedAsync(cancellationToken);
    }

    /// <summary>Takes one message from the next consumed queue with a message and hands it to its consumer.</summary>
    /// <returns><see langword="true"/> when a message was delivered.</returns>
    internal ValueTask<bool> DrainOneAsync(CancellationToken cancellationToken)
    {
        if (_closed || Volatile.Read(ref _activeQueues).Length == 0 || !QoS.CanConsume())
            return new ValueTask<bool>(false);
        return _queueCycle.GetAsync(cancellationToken);
    }

    /// <summary>Describes the received message of an envelope, as Kombu's virtual <c>Message</c> does.</summary>
    /// <param name="envelope">The stored message.</param>
    /// <param name="consumerTag">The consumer it goes to, or <see langword="null"/> for <c>basic_get</c>.</param>
    /// <returns>The message as received.</returns>
    protected IncomingMessage ToIncoming(Envelope envelope, string? consumerTag)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var deliveryInfo = new LazyDeliveryInfo(envelope, consumerTag);
        var properties = new LazyEnvelopeProperties(envelope, deliveryInfo);
        var headers = envelope.HeadersOrNull is { } present ? new Dictionary<string, object?>(present) : null;
        return new IncomingMessage(this, envelope.Body, envelope.DeliveryTag, envelope.ContentType, envelope.ContentEncoding,
            deliveryInfo, properties, headers);
    }

    // A message for an entry that is not an envelope: its body is the entry, decoding raises the error, and its delivery
    // tag is unknown to QoS, so acknowledging or rejecting it does nothing (the store already kept the entry).
    private IncomingMessage Undecodable(InvalidEnvelopeException error, string? consumerTag)
    {
        var deliveryInfo = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["exchange"] = "",
            ["routing_key"] = error.Queue,
            ["consumer_tag"] = consumerTag,
            ["redelivered"] = false,
        };
        return new IncomingMessage(this, error.Entry, Guid.NewGuid().ToString(), deliveryInfo, error);
    }

    /// <summary>Takes the next message for the consumer of a queue; the default is <see cref="GetAsync"/>.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="noAck">Whether the consumer takes messages without acknowledging them.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The message, or <see langword="null"/> when the queue is empty.</returns>
    /// <remarks>
    /// Only the consume path calls this (never <c>basic_get</c>), so a store may fetch up to the prefetch window
    /// (<see cref="QoS.CanConsumeMaxEstimate"/>) in one round trip and hand the rest out on later calls, as Kombu's
    /// SQS transport does with <c>_get_bulk</c>.
    /// </remarks>
    protected virtual ValueTask<Envelope?> GetForConsumerAsync(string queue, bool noAck, CancellationToken cancellationToken) =>
        GetAsync(queue, cancellationToken);

    private async ValueTask<bool> GetAndDeliverAsync(string queue, CancellationToken cancellationToken)
    {
        ChannelConsumer? consumer;
        lock (_consumersLock)
            _consumersByQueue.TryGetValue(queue, out consumer);
        if (consumer is null)
            return false;
        Envelope? envelope;
        try
        {
            envelope = await GetForConsumerAsync(queue, consumer.NoAck, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidEnvelopeException ex)
        {
            // The store kept the entry aside; the consumer's decode-error handler hears of it and consuming goes on.
            await consumer.Callback(Undecodable(ex, consumer.Tag), cancellationToken).ConfigureAwait(false);
            return true;
        }
        if (envelope is null)
            return false;
        ChannelConsumer? current;
        lock (_consumersLock)
            _consumersByQueue.TryGetValue(queue, out current);
        if (current is null || current.NoAck != consumer.NoAck)
        {
            // The consumer went away (or changed its acknowledgement mode) after the poll began: put the message
            // back, as Kombu rejects with requeue.
            await RestoreAsync(envelope, cancellationToken).ConfigureAwait(false);
            return true;
        }
        await RecordDeliveryAsync(envelope, current.NoAck, cancellationToken).ConfigureAwait(false);
        await current.Callback(ToIncoming(envelope, current.Tag), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask RecordDeliveryAsync(Envelope envelope, bool noAck, CancellationToken cancellationToken)
    {
        if (noAck)
        {
            await OnDeliveredNoAckAsync(envelope, cancellationToken).ConfigureAwait(false);
            return;
        }
        QoS.Append(envelope, envelope.DeliveryTag);
        await OnDeliveredAsync(envelope, cancellationToken).ConfigureAwait(false);
    }

    // Callers hold _consumersLock.
    private void RemoveConsumer(string consumerTag)
    {
        if (!_consumersByTag.Remove(consumerTag, out var removed))
            return;
        _noAckConsumers.Remove(consumerTag);
        if (!_consumersByQueue.TryGetValue(removed.Queue, out var current) || !ReferenceEquals(current, removed))
            return;
        _consumersByQueue.Remove(removed.Queue);
        foreach (var other in _consumersByTag.Values)
        {
            if (other.Queue == removed.Queue)
            {
                _consumersByQueue[removed.Queue] = other;
                return;
            }
        }
        var queues = new List<string>(_activeQueues);
        queues.Remove(removed.Queue);
        SetActiveQueues([.. queues]);
    }

    // Callers hold _consumersLock.
    private void SetActiveQueues(string[] queues)
    {
        Volatile.Write(ref _activeQueues, queues);
        _queueCycle.Resources = queues;
    }

    // Callers hold _consumersLock.
    private void ClearConsumers()
    {
        _consumersByTag.Clear();
        _consumersByQueue.Clear();
        _noAckConsumers.Clear();
        SetActiveQueues([]);
    }

    /// <summary>Whether a consumer of this channel takes messages from a queue and acknowledges them.</summary>
    /// <param name="queue">Queue name.</param>
    /// <returns><see langword="true"/> when the queue's consumer is not a no-ack consumer.</returns>
    protected bool ConsumesWithAcknowledgements(string queue)
    {
        lock (_consumersLock)
            return _consumersByQueue.TryGetValue(queue, out var consumer) && !consumer.NoAck;
    }

    private bool HasConsumerFor(string queue)
    {
        lock (_consumersLock)
            return _consumersByQueue.ContainsKey(queue);
    }
}
