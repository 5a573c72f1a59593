namespace Kombu.Transport.Amqp;

public sealed partial class AmqpChannel
{

    /// <inheritdoc/>
    /// <remarks>An empty tag is generated here rather than by the broker, so deliveries can never arrive for an unknown tag.</remarks>
    public async ValueTask<string> BasicConsumeAsync(string queue, bool noAck, MessageHandler callback,
        string consumerTag = "", bool nowait = false, IDictionary<string, object?>? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var tag = consumerTag.Length > 0 ? consumerTag : "amq.ctag-" + Guid.NewGuid().ToString("N");
        _consumers[tag] = new AmqpConsumerEntry(callback, noAck);
        if (noAck)
        {
            lock (_gate)
                _noAckConsumers.Add(tag);
        }
        try
        {
            var consumer = new AmqpConsumer(this, noAck);
            return await CallAsync(async (c, t) => await c.BasicConsumeAsync(queue, noAck, tag, noLocal: false, exclusive: false,
                AmqpFieldTable.ToAmqp(arguments), consumer, t).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Forget(tag);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask BasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default)
    {
        if (!_consumers.ContainsKey(consumerTag))
            return;
        Forget(consumerTag);
        if (IsOpen)
            await CallAsync((c, t) => c.BasicCancelAsync(consumerTag, noWait: false, t), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a delivery for a consumer of this channel and posts it to the connection's event queue.</summary>
    /// <param name="consumerTag">The consumer.</param>
    /// <param name="message">The message.</param>
    /// <param name="noAck">Whether the consumer acknowledges.</param>
    internal void Post(string consumerTag, IncomingMessage message, bool noAck)
    {
        if (!noAck)
            TrackUnacked(Tag(message.DeliveryTag));
        _connection.Post(new AmqpDelivery(this, consumerTag, message));
    }

    /// <summary>Forgets a consumer the broker cancelled (its queue was deleted).</summary>
    /// <param name="consumerTag">The consumer.</param>
    internal void Forget(string consumerTag)
    {
        _consumers.TryRemove(consumerTag, out _);
        lock (_gate)
            _noAckConsumers.Remove(consumerTag);
    }

    /// <summary>Runs the consumer callback of a delivery on the calling thread.</summary>
    /// <param name="delivery">The delivery.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a callback ran.</returns>
    internal async ValueTask<bool> DispatchAsync(AmqpDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Message.GetValueOrDefault();
        var tag = Tag(message.DeliveryTag);
        if (!IsOpen)
            return false;
        if (!_consumers.TryGetValue(delivery.ConsumerTag, out var entry))
        {
            // Prefetched for a consumer cancelled since: give it back to the queue.
            if (IsUnacked(tag))
                await BasicRejectAsync(tag, requeue: true, cancellationToken).ConfigureAwait(false);
            return false;
        }
        if (!entry.NoAck && !IsUnacked(tag))
            return false;
        await entry.Callback(message, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
