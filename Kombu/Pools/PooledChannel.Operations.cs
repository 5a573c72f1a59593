using Kombu.Transport;

namespace Kombu.Pools;

public sealed partial class PooledChannel
{
    /// <inheritdoc/>
    public void ExchangeDeclare(string exchange, string type = "direct", bool durable = false,
        bool autoDelete = false, IDictionary<string, object?>? arguments = null, bool nowait = false,
        bool passive = false) =>
        _inner.ExchangeDeclare(exchange, type, durable, autoDelete, arguments, nowait, passive);

    /// <inheritdoc/>
    public ValueTask ExchangeDeclareAsync(string exchange, string type = "direct", bool durable = false,
        bool autoDelete = false, IDictionary<string, object?>? arguments = null, bool nowait = false,
        bool passive = false, CancellationToken cancellationToken = default) =>
        _inner.ExchangeDeclareAsync(exchange, type, durable, autoDelete, arguments, nowait, passive, cancellationToken);

    /// <inheritdoc/>
    public void ExchangeDelete(string exchange, bool ifUnused = false, bool nowait = false) =>
        _inner.ExchangeDelete(exchange, ifUnused, nowait);

    /// <inheritdoc/>
    public ValueTask ExchangeDeleteAsync(string exchange, bool ifUnused = false, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        _inner.ExchangeDeleteAsync(exchange, ifUnused, nowait, cancellationToken);

    /// <inheritdoc/>
    public void ExchangeBind(string destination, string source, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false) =>
        _inner.ExchangeBind(destination, source, routingKey, arguments, nowait);

    /// <inheritdoc/>
    public ValueTask ExchangeBindAsync(string destination, string source, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.ExchangeBindAsync(destination, source, routingKey, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public void ExchangeUnbind(string destination, string source, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false) =>
        _inner.ExchangeUnbind(destination, source, routingKey, arguments, nowait);

    /// <inheritdoc/>
    public ValueTask ExchangeUnbindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        _inner.ExchangeUnbindAsync(destination, source, routingKey, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public QueueDeclareResult QueueDeclare(string queue, bool passive = false, bool durable = false,
        bool exclusive = false, bool autoDelete = false, IDictionary<string, object?>? arguments = null,
        bool nowait = false) =>
        _inner.QueueDeclare(queue, passive, durable, exclusive, autoDelete, arguments, nowait);

    /// <inheritdoc/>
    public ValueTask<QueueDeclareResult> QueueDeclareAsync(string queue, bool passive = false, bool durable = false,
        bool exclusive = false, bool autoDelete = false, IDictionary<string, object?>? arguments = null,
        bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.QueueDeclareAsync(queue, passive, durable, exclusive, autoDelete, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public void QueueBind(string queue, string exchange, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false) =>
        _inner.QueueBind(queue, exchange, routingKey, arguments, nowait);

    /// <inheritdoc/>
    public ValueTask QueueBindAsync(string queue, string exchange, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.QueueBindAsync(queue, exchange, routingKey, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public void QueueUnbind(string queue, string exchange, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false) =>
        _inner.QueueUnbind(queue, exchange, routingKey, arguments, nowait);

    /// <inheritdoc/>
    public ValueTask QueueUnbindAsync(string queue, string exchange, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.QueueUnbindAsync(queue, exchange, routingKey, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public long QueuePurge(string queue, bool nowait = false) =>
        _inner.QueuePurge(queue, nowait);

    /// <inheritdoc/>
    public ValueTask<long> QueuePurgeAsync(string queue, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        _inner.QueuePurgeAsync(queue, nowait, cancellationToken);

    /// <inheritdoc/>
    public long QueueDelete(string queue, bool ifUnused = false, bool ifEmpty = false, bool nowait = false) =>
        _inner.QueueDelete(queue, ifUnused, ifEmpty, nowait);

    /// <inheritdoc/>
    public ValueTask<long> QueueDeleteAsync(string queue, bool ifUnused = false, bool ifEmpty = false,
        bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.QueueDeleteAsync(queue, ifUnused, ifEmpty, nowait, cancellationToken);

    /// <inheritdoc/>
    public void BasicPublish(OutgoingMessage message, string exchange, string routingKey, bool mandatory = false,
        bool immediate = false) =>
        _inner.BasicPublish(message, exchange, routingKey, mandatory, immediate);

    /// <inheritdoc/>
    public ValueTask BasicPublishAsync(OutgoingMessage message, string exchange, string routingKey,
        bool mandatory = false, bool immediate = false, CancellationToken cancellationToken = default) =>
        _inner.BasicPublishAsync(message, exchange, routingKey, mandatory, immediate, cancellationToken);

    /// <inheritdoc/>
    public Message? BasicGet(string queue, bool noAck = false) =>
        _inner.BasicGet(queue, noAck);

    /// <inheritdoc/>
    public ValueTask<Message?> BasicGetAsync(string queue, bool noAck = false,
        CancellationToken cancellationToken = default) =>
        _inner.BasicGetAsync(queue, noAck, cancellationToken);

    /// <inheritdoc/>
    public string BasicConsume(string queue, bool noAck, MessageHandler callback, string consumerTag = "",
        bool nowait = false, IDictionary<string, object?>? arguments = null) =>
        _inner.BasicConsume(queue, noAck, callback, consumerTag, nowait, arguments);

    /// <inheritdoc/>
    public ValueTask<string> BasicConsumeAsync(string queue, bool noAck, MessageHandler callback,
        string consumerTag = "", bool nowait = false, IDictionary<string, object?>? arguments = null,
        CancellationToken cancellationToken = default) =>
        _inner.BasicConsumeAsync(queue, noAck, callback, consumerTag, nowait, arguments, cancellationToken);

    /// <inheritdoc/>
    public void BasicCancel(string consumerTag) =>
        _inner.BasicCancel(consumerTag);

    /// <inheritdoc/>
    public ValueTask BasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default) =>
        _inner.BasicCancelAsync(consumerTag, cancellationToken);

    /// <inheritdoc/>
    public void BasicAck(object deliveryTag, bool multiple = false) =>
        _inner.BasicAck(deliveryTag, multiple);

    /// <inheritdoc/>
    public ValueTask BasicAckAsync(object deliveryTag, bool multiple = false,
        CancellationToken cancellationToken = default) =>
        _inner.BasicAckAsync(deliveryTag, multiple, cancellationToken);

    /// <inheritdoc/>
    public void BasicReject(object deliveryTag, bool requeue = false) =>
        _inner.BasicReject(deliveryTag, requeue);

    /// <inheritdoc/>
    public ValueTask BasicRejectAsync(object deliveryTag, bool requeue = false,
        CancellationToken cancellationToken = default) =>
        _inner.BasicRejectAsync(deliveryTag, requeue, cancellationToken);

    /// <inheritdoc/>
    public void BasicRecover(bool requeue = false) =>
        _inner.BasicRecover(requeue);

    /// <inheritdoc/>
    public ValueTask BasicRecoverAsync(bool requeue = false, CancellationToken cancellationToken = default) =>
        _inner.BasicRecoverAsync(requeue, cancellationToken);

    /// <inheritdoc/>
    public void BasicQos(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false) =>
        _inner.BasicQos(prefetchSize, prefetchCount, applyGlobal);

    /// <inheritdoc/>
    public ValueTask BasicQosAsync(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false,
        CancellationToken cancellationToken = default) =>
        _inner.BasicQosAsync(prefetchSize, prefetchCount, applyGlobal, cancellationToken);

    /// <inheritdoc/>
    public void Flow(bool active) =>
        _inner.Flow(active);

    /// <inheritdoc/>
    public ValueTask FlowAsync(bool active, CancellationToken cancellationToken = default) =>
        _inner.FlowAsync(active, cancellationToken);

    /// <inheritdoc/>
    public void AfterReplyMessageReceived(string queue) =>
        _inner.AfterReplyMessageReceived(queue);

    /// <inheritdoc/>
    public ValueTask AfterReplyMessageReceivedAsync(string queue, CancellationToken cancellationToken = default) =>
        _inner.AfterReplyMessageReceivedAsync(queue, cancellationToken);

    /// <inheritdoc/>
    public void Close() =>
        _inner.Close();

    /// <inheritdoc/>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) =>
        _inner.CloseAsync(cancellationToken);
}
