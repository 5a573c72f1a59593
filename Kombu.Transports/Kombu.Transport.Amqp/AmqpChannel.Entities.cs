namespace Kombu.Transport.Amqp;

public sealed partial class AmqpChannel
{

    /// <inheritdoc/>
    public ValueTask ExchangeDeclareAsync(string exchange, string type = "direct", bool durable = false,
        bool autoDelete = false, IDictionary<string, object?>? arguments = null, bool nowait = false,
        bool passive = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.ExchangeDeclareAsync(exchange, type, durable, autoDelete, AmqpFieldTable.ToAmqp(arguments),
            passive: passive, noWait: nowait && !passive, cancellationToken: t), cancellationToken);

    /// <inheritdoc/>
    public ValueTask ExchangeDeleteAsync(string exchange, bool ifUnused = false, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.ExchangeDeleteAsync(exchange, ifUnused, nowait, t), cancellationToken);

    /// <inheritdoc/>
    public ValueTask ExchangeBindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.ExchangeBindAsync(destination, source, routingKey, AmqpFieldTable.ToAmqp(arguments), nowait, t),
            cancellationToken);

    /// <inheritdoc/>
    public ValueTask ExchangeUnbindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.ExchangeUnbindAsync(destination, source, routingKey, AmqpFieldTable.ToAmqp(arguments), nowait, t),
            cancellationToken);

    /// <inheritdoc/>
    public ValueTask<QueueDeclareResult> QueueDeclareAsync(string queue, bool passive = false, bool durable = false,
        bool exclusive = false, bool autoDelete = false, IDictionary<string, object?>? arguments = null,
        bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync(async (c, t) =>
        {
            var ok = passive
                ? await c.QueueDeclarePassiveAsync(queue, t).ConfigureAwait(false)
                : await c.QueueDeclareAsync(queue, durable, exclusive, autoDelete, AmqpFieldTable.ToAmqp(arguments),
                    passive: false, noWait: nowait && queue.Length > 0, t).ConfigureAwait(false);
            return ok is null
                ? new QueueDeclareResult(queue, 0, 0)
                : new QueueDeclareResult(ok.QueueName, ok.MessageCount, (int)ok.ConsumerCount);
        }, cancellationToken);

    /// <inheritdoc/>
    public ValueTask QueueBindAsync(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.QueueBindAsync(queue, exchange, routingKey, AmqpFieldTable.ToAmqp(arguments), nowait, t),
            cancellationToken);

    /// <inheritdoc/>
    public ValueTask QueueUnbindAsync(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.QueueUnbindAsync(queue, exchange, routingKey, AmqpFieldTable.ToAmqp(arguments), t),
            cancellationToken);

    /// <inheritdoc/>
    public ValueTask<long> QueuePurgeAsync(string queue, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync(async (c, t) => (long)await c.QueuePurgeAsync(queue, t).ConfigureAwait(false), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<long> QueueDeleteAsync(string queue, bool ifUnused = false, bool ifEmpty = false, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        CallAsync(async (c, t) => (long)await c.QueueDeleteAsync(queue, ifUnused, ifEmpty, nowait, t).ConfigureAwait(false),
            cancellationToken);
}
