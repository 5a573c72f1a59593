namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    /// <inheritdoc/>
    public void ExchangeDeclare(string exchange, string type = "direct", bool durable = false, bool autoDelete = false,
        IDictionary<string, object?>? arguments = null, bool nowait = false, bool passive = false) =>
        ExchangeDeclareAsync(exchange, type, durable, autoDelete, arguments, nowait, passive).WaitSync();

    /// <inheritdoc/>
    public void ExchangeDelete(string exchange, bool ifUnused = false, bool nowait = false) =>
        ExchangeDeleteAsync(exchange, ifUnused, nowait).WaitSync();

    /// <inheritdoc/>
    public void ExchangeBind(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        ExchangeBindAsync(destination, source, routingKey, arguments, nowait).WaitSync();

    /// <inheritdoc/>
    public void ExchangeUnbind(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        ExchangeUnbindAsync(destination, source, routingKey, arguments, nowait).WaitSync();

    /// <inheritdoc/>
    public QueueDeclareResult QueueDeclare(string queue, bool passive = false, bool durable = false, bool exclusive = false,
        bool autoDelete = false, IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        QueueDeclareAsync(queue, passive, durable, exclusive, autoDelete, arguments, nowait).WaitSync();

    /// <inheritdoc/>
    public void QueueBind(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        QueueBindAsync(queue, exchange, routingKey, arguments, nowait).WaitSync();

    /// <inheritdoc/>
    public void QueueUnbind(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false) =>
        QueueUnbindAsync(queue, exchange, routingKey, arguments, nowait).WaitSync();

    /// <inheritdoc/>
    public long QueuePurge(string queue, bool nowait = false) => QueuePurgeAsync(queue, nowait).WaitSync();

    /// <inheritdoc/>
    public long QueueDelete(string queue, bool ifUnused = false, bool ifEmpty = false, bool nowait = false) =>
        QueueDeleteAsync(queue, ifUnused, ifEmpty, nowait).WaitSync();

    /// <inheritdoc/>
    public void BasicPublish(OutgoingMessage message, string exchange, string routingKey, bool mandatory = false,
        bool immediate = false) =>
        BasicPublishAsync(message, exchange, routingKey, mandatory, immediate).WaitSync();

    /// <inheritdoc/>
    public Message? BasicGet(string queue, bool noAck = false) => BasicGetAsync(queue, noAck).WaitSync();

    /// <inheritdoc/>
    public string BasicConsume(string queue, bool noAck, MessageHandler callback, string consumerTag = "",
        bool nowait = false, IDictionary<string, object?>? arguments = null) =>
        BasicConsumeAsync(queue, noAck, callback, consumerTag, nowait, arguments).WaitSync();

    /// <inheritdoc/>
    public void BasicCancel(string consumerTag) => BasicCancelAsync(consumerTag).WaitSync();

    /// <inheritdoc/>
    public void BasicAck(object deliveryTag, bool multiple = false) => BasicAckAsync(deliveryTag, multiple).WaitSync();

    /// <inheritdoc/>
    public void BasicReject(object deliveryTag, bool requeue = false) => BasicRejectAsync(deliveryTag, requeue).WaitSync();

    /// <inheritdoc/>
    public void BasicRecover(bool requeue = false) => BasicRecoverAsync(requeue).WaitSync();

    /// <inheritdoc/>
    public void BasicQos(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false) =>
        BasicQosAsync(prefetchSize, prefetchCount, applyGlobal).WaitSync();

    /// <inheritdoc/>
    public void Flow(bool active) => FlowAsync(active).WaitSync();
}
