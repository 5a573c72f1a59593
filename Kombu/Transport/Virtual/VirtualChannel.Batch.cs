namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    /// <inheritdoc/>
    /// <remarks>The batch is routed once (every message has the same exchange, routing key and headers) and each
    /// target queue gets it through one <see cref="PutBatchAsync"/> call; fanout messages go one by one.</remarks>
    public async ValueTask BasicPublishBatchAsync(IReadOnlyList<OutgoingMessage> messages, string exchange,
        string routingKey, bool mandatory = false, bool immediate = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        EnsureOpen();
        if (messages.Count == 0)
            return;
        var envelopes = new Envelope[messages.Count];
        for (var i = 0; i < envelopes.Length; i++)
            envelopes[i] = PrepareEnvelope(messages[i], exchange, routingKey);
        if (exchange.Length == 0)
        {
            await PutBatchAsync(routingKey, envelopes, cancellationToken).ConfigureAwait(false);
            return;
        }
        var type = TypeOf(exchange);
        if (type is FanoutExchange)
        {
            foreach (var envelope in envelopes)
                await PutFanoutAsync(exchange, envelope, routingKey, cancellationToken).ConfigureAwait(false);
            return;
        }
        var toDeadLetter = type.DeliversToDeadLetterQueue;
        var queues = await LookupAsync(exchange, routingKey, envelopes[0].HeadersOrNull, cancellationToken, toDeadLetter)
            .ConfigureAwait(false);
        var excluded = toDeadLetter ? null : DeadLetterQueue;
        for (var i = 0; i < queues.Count; i++)
        {
            if (queues[i] != excluded)
                await PutBatchAsync(queues[i], envelopes, cancellationToken).ConfigureAwait(false);
        }
    }
}
