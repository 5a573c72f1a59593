namespace Kombu.Transport.Amqp;

public sealed partial class AmqpChannel
{
    /// <inheritdoc/>
    public void ExchangeDeclare(string exchange, string type = "direct", bool durable = false, bool autoDelete = false,
        IDictionary<string, object?>? arguments = null, bool nowait = false, bool passive = false) =>
        SyncWait.Run(ExchangeDeclareAsync(exchange, type, durable, autoDelete, arguments, nowait, passive));

    /// <inheritdoc/>
    public ValueTask ExchangeDeclareAsync(string exchange, string type = "direct", bool durable = false,
        bool autoDelete = false, IDictionary<string, object?>? arguments = null, bool nowait = false,
        bool passive = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.ExchangeDeclareAsync(exchange, type, durable, autoDelete, AmqpFieldTable.ToAmqp(arguments),
            passive: passive, noWait: nowait && !passive, cancellationToken: t), cancellationToken);

    /// <inheritdoc/>
    public void ExchangeDelete(string exchange, bool ifUnused = false, bool nowait = false) =>
        SyncWait.Run(ExchangeDeleteAsync(exchange, ifUnused, nowait));

    /// <inheritdoc/>
    public ValueTask ExchangeDeleteAsync(string exchange, bool ifUnused = false, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.ExchangeDeleteAsync(exchange, ifUnused, nowait, t), cancellationToken);

    /// <inheritdoc/>
    public void ExchangeBind(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        SyncWait.Run(ExchangeBindAsync(destination, source, routingKey, arguments, nowait));

    /// <inheritdoc/>
    public ValueTask ExchangeBindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.ExchangeBindAsync(destination, source, routingKey, AmqpFieldTable.ToAmqp(arguments), nowait, t),
            cancellationToken);

    /// <inheritdoc/>
    public void ExchangeUnbind(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        SyncWait.Run(ExchangeUnbindAsync(destination, source, routingKey, arguments, nowait));

    /// <inheritdoc/>
    public ValueTask ExchangeUnbindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.ExchangeUnbindAsync(destination, source, routingKey, AmqpFieldTable.ToAmqp(arguments), nowait, t),
            cancellationToken);

    /// <inheritdoc/>
    public QueueDeclareResult QueueDeclare(string queue, bool passive = false, bool durable = false, bool exclusive = false,
        bool autoDelete = false, IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        SyncWait.Run(QueueDeclareAsync(queue, passive, durable, exclusive, autoDelete, arguments, nowait));

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
    public void QueueBind(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        SyncWait.Run(QueueBindAsync(queue, exchange, routingKey, arguments, nowait));

    /// <inheritdoc/>
    public ValueTask QueueBindAsync(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.QueueBindAsync(queue, exchange, routingKey, AmqpFieldTable.ToAmqp(arguments), nowait, t),
            cancellationToken);

    /// <inheritdoc/>
    /// <remarks>AMQP's <c>queue.unbind</c> has no <c>nowait</c>: the call always waits for the broker.</remarks>
    public void QueueUnbind(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        SyncWait.Run(QueueUnbindAsync(queue, exchange, routingKey, arguments, nowait));

    /// <inheritdoc/>
    public ValueTask QueueUnbindAsync(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync((c, t) => c.QueueUnbindAsync(queue, exchange, routingKey, AmqpFieldTable.ToAmqp(arguments), t),
            cancellationToken);

    /// <inheritdoc/>
    public long QueuePurge(string queue, bool nowait = false) => SyncWait.Run(QueuePurgeAsync(queue, nowait));

    /// <inheritdoc/>
    public ValueTask<long> QueuePurgeAsync(string queue, bool nowait = false, CancellationToken cancellationToken = default) =>
        CallAsync(async (c, t) => (long)await c.QueuePurgeAsync(queue, t).ConfigureAwait(false), cancellationToken);

    /// <inheritdoc/>
    public long QueueDelete(string queue, bool ifUnused = false, bool ifEmpty = false, bool nowait = false) =>
        SyncWait.Run(QueueDeleteAsync(queue, ifUnused, ifEmpty, nowait));

    /// <inheritdoc/>
    public ValueTask<long> QueueDeleteAsync(string queue, bool ifUnused = false, bool ifEmpty = false, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        CallAsync(async (c, t) => (long)await c.QueueDeleteAsync(queue, ifUnused, ifEmpty, nowait, t).ConfigureAwait(false),
            cancellationToken);
}
