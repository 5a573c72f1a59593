namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    /// <inheritdoc/>
    public async ValueTask BasicPublishAsync(OutgoingMessage message, string exchange, string routingKey,
        bool mandatory = false, bool immediate = false, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var envelope = PrepareEnvelope(message, exchange, routingKey);
        if (exchange.Length == 0)
        {
            await PutAsync(routingKey, envelope, cancellationToken).ConfigureAwait(false);
            return;
        }
        var type = TypeOf(exchange);
        if (type is FanoutExchange)
        {
            await PutFanoutAsync(exchange, envelope, routingKey, cancellationToken).ConfigureAwait(false);
            return;
        }
        var toDeadLetter = type.DeliversToDeadLetterQueue;
        var queues = await LookupAsync(exchange, routingKey, envelope.HeadersOrNull, cancellationToken, toDeadLetter)
            .ConfigureAwait(false);
        var excluded = toDeadLetter ? null : DeadLetterQueue;
        for (var i = 0; i < queues.Count; i++)
        {
            if (queues[i] != excluded)
                await PutAsync(queues[i], envelope, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Builds the envelope for a publish: a new UUID4 delivery tag, the delivery info and the body encoding.</summary>
    /// <param name="message">The message to publish.</param>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">Routing key.</param>
    /// <returns>The envelope to store.</returns>
    protected virtual Envelope PrepareEnvelope(OutgoingMessage message, string exchange, string routingKey)
    {
        var envelope = new Envelope
        {
            Body = message.Body,
            BodyEncoding = BodyEncoding,
            ContentType = message.ContentType,
            ContentEncoding = message.ContentEncoding,
            DeliveryMode = message.DeliveryMode,
            Priority = message.Priority,
            DeliveryTag = Utils.Uuids.New(),
            Exchange = exchange,
            RoutingKey = routingKey,
        };
        if (message.Headers is { Count: > 0 } headers)
        {
            var copy = envelope.Headers;
            copy.EnsureCapacity(headers.Count);
            foreach (var pair in headers)
                copy[pair.Key] = pair.Value;
        }
        if (message.Properties is { Count: > 0 } callerProperties)
        {
            var properties = envelope.Properties;
            foreach (var pair in callerProperties)
            {
                if (!Envelope.ReservedPropertyKeys.Contains(pair.Key))
                    properties[pair.Key] = pair.Value;
            }
        }
        return envelope;
    }

    /// <summary>Finds the queues a message reaches, falling back to the dead-letter queue when none matched.</summary>
    /// <param name="exchange">Exchange name; empty means the queue named by <paramref name="routingKey"/>.</param>
    /// <param name="routingKey">Routing key.</param>
    /// <param name="headers">The message headers.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <param name="deadLetterFallback">Whether an unroutable message goes to <see cref="DeadLetterQueue"/>.</param>
    /// <returns>The target queues; empty when the message is to be dropped.</returns>
    /// <remarks>Kombu's <c>_lookup</c>.</remarks>
    protected async ValueTask<IReadOnlyList<string>> LookupAsync(string exchange, string routingKey,
        IReadOnlyDictionary<string, object?>? headers, CancellationToken cancellationToken, bool deadLetterFallback = true)
    {
        if (exchange.Length == 0)
            return [routingKey];
        var table = await GetTableAsync(exchange, cancellationToken).ConfigureAwait(false);
        var queues = TypeOf(exchange).Lookup(table, exchange, routingKey, null, headers);
        if (queues.Count > 0)
            return queues;
        if (deadLetterFallback && DeadLetterQueue is { Length: > 0 } deadLetter)
        {
            VirtualLog.Undeliverable(VirtualTransport.Logger, exchange, routingKey, deadLetter);
            await NewQueueAsync(deadLetter, cancellationToken).ConfigureAwait(false);
            return [deadLetter];
        }
        VirtualLog.Dropped(VirtualTransport.Logger, exchange, routingKey);
        return queues;
    }

    /// <summary>Puts a copy of a delivered message back, marked redelivered, re-routed by its exchange and routing key.</summary>
    /// <param name="envelope">The message as it was delivered.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the message is back.</returns>
    /// <remarks>Kombu's generic <c>_restore</c>; the delivery tag and properties are kept.</remarks>
    protected internal virtual async ValueTask RestoreAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        var copy = envelope.CloneForRestore();
        var queues = await LookupAsync(copy.Exchange, copy.RoutingKey, copy.HeadersOrNull, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < queues.Count; i++)
            await PutAsync(queues[i], copy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a rejected message back for redelivery; the default is <see cref="RestoreAsync"/>.</summary>
    /// <param name="envelope">The message as it was delivered.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the message is back.</returns>
    /// <remarks>Kombu's <c>_restore_at_beginning</c>.</remarks>
    protected internal virtual ValueTask RestoreAtBeginningAsync(Envelope envelope, CancellationToken cancellationToken) =>
        RestoreAsync(envelope, cancellationToken);

    /// <summary>Reports a message that could not be restored; the default logs an error.</summary>
    /// <param name="envelope">The message.</param>
    /// <param name="exception">Why the restore failed.</param>
    protected internal virtual void OnRestoreFailed(Envelope envelope, Exception exception) =>
        VirtualLog.RestoreFailed(VirtualTransport.Logger, exception, envelope.DeliveryTag, envelope.Exchange, envelope.RoutingKey);
}
