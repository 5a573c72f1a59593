using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Pools;

/// <summary>A channel handed out by a <see cref="ChannelPool"/>; releasing or disposing it returns it to the pool.</summary>
/// <remarks>
/// Every channel operation goes to the underlying channel; <see cref="IChannel.CloseAsync"/> really closes it. Kombu sets
/// <c>channel.release</c> on pooled channels instead of wrapping them.
/// </remarks>
public sealed class PooledChannel : IChannel
{
    private readonly ChannelPool _pool;
    private readonly IChannel _inner;

    internal PooledChannel(ChannelPool pool, IChannel inner)
    {
        _pool = pool;
        _inner = inner;
    }

    /// <summary>The transport channel this pooled channel forwards to.</summary>
    public IChannel Inner => _inner;

    /// <inheritdoc/>
    public BrokerTransport Transport => _inner.Transport;

    /// <inheritdoc/>
    public bool IsOpen => _inner.IsOpen;

    /// <inheritdoc/>
    public IReadOnlySet<string> NoAckConsumers => _inner.NoAckConsumers;

    /// <summary>Returns the channel to its pool.</summary>
    public void Release() => SyncOverAsync.Wait(ReleaseAsync());

    /// <inheritdoc cref="Release"/>
    public ValueTask ReleaseAsync(CancellationToken cancellationToken = default) => _pool.ReleaseAsync(this, cancellationToken);

    /// <summary>Returns the channel to its pool (see <see cref="Release"/>).</summary>
    public void Dispose() => Release();

    /// <summary>Returns the channel to its pool (see <see cref="Release"/>).</summary>
    /// <returns>A task that completes when the channel is back in the pool.</returns>
    public ValueTask DisposeAsync() => ReleaseAsync();

    /// <inheritdoc/>
    public override string ToString() => $"<PooledChannel: {_inner}>";

    /// <inheritdoc/>
    public ValueTask ExchangeDeclareAsync(string exchange, string type = "direct", bool durable = false,
        bool autoDelete = false, IDictionary<string, object?>? arguments = null, bool nowait = false,
        bool passive = false, CancellationToken cancellationToken = default) =>
        _inner.ExchangeDeclareAsync(exchange, type, durable, autoDelete, arguments, nowait, passive, cancellationToken);

    /// <inheritdoc/>
    public ValueTask ExchangeDeleteAsync(string exchange, bool ifUnused = false, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        _inner.ExchangeDeleteAsync(exchange, ifUnused, nowait, cancellationToken);

    /// <inheritdoc/>
    public ValueTask ExchangeBindAsync(string destination, string source, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.ExchangeBindAsync(destination, source, routingKey, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public ValueTask ExchangeUnbindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        _inner.ExchangeUnbindAsync(destination, source, routingKey, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<QueueDeclareResult> QueueDeclareAsync(string queue, bool passive = false, bool durable = false,
        bool exclusive = false, bool autoDelete = false, IDictionary<string, object?>? arguments = null,
        bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.QueueDeclareAsync(queue, passive, durable, exclusive, autoDelete, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public ValueTask QueueBindAsync(string queue, string exchange, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.QueueBindAsync(queue, exchange, routingKey, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public ValueTask QueueUnbindAsync(string queue, string exchange, string routingKey = "", IDictionary<string,
        object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.QueueUnbindAsync(queue, exchange, routingKey, arguments, nowait, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<long> QueuePurgeAsync(string queue, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        _inner.QueuePurgeAsync(queue, nowait, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<long> QueueDeleteAsync(string queue, bool ifUnused = false, bool ifEmpty = false,
        bool nowait = false, CancellationToken cancellationToken = default) =>
        _inner.QueueDeleteAsync(queue, ifUnused, ifEmpty, nowait, cancellationToken);

    /// <inheritdoc/>
    public ValueTask BasicPublishAsync(OutgoingMessage message, string exchange, string routingKey,
        bool mandatory = false, bool immediate = false, CancellationToken cancellationToken = default) =>
        _inner.BasicPublishAsync(message, exchange, routingKey, mandatory, immediate, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<IncomingMessage?> BasicGetAsync(string queue, bool noAck = false,
        CancellationToken cancellationToken = default) =>
        _inner.BasicGetAsync(queue, noAck, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<string> BasicConsumeAsync(string queue, bool noAck, MessageHandler callback,
        string consumerTag = "", bool nowait = false, IDictionary<string, object?>? arguments = null,
        CancellationToken cancellationToken = default) =>
        _inner.BasicConsumeAsync(queue, noAck, callback, consumerTag, nowait, arguments, cancellationToken);

    /// <inheritdoc/>
    public ValueTask BasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default) =>
        _inner.BasicCancelAsync(consumerTag, cancellationToken);

    /// <inheritdoc/>
    public ValueTask BasicAckAsync(DeliveryTag deliveryTag, bool multiple = false,
        CancellationToken cancellationToken = default) =>
        _inner.BasicAckAsync(deliveryTag, multiple, cancellationToken);

    /// <inheritdoc/>
    public ValueTask BasicRejectAsync(DeliveryTag deliveryTag, bool requeue = false,
        CancellationToken cancellationToken = default) =>
        _inner.BasicRejectAsync(deliveryTag, requeue, cancellationToken);

    /// <inheritdoc/>
    public ValueTask BasicRecoverAsync(bool requeue = false, CancellationToken cancellationToken = default) =>
        _inner.BasicRecoverAsync(requeue, cancellationToken);

    /// <inheritdoc/>
    public ValueTask BasicQosAsync(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false,
        CancellationToken cancellationToken = default) =>
        _inner.BasicQosAsync(prefetchSize, prefetchCount, applyGlobal, cancellationToken);

    /// <inheritdoc/>
    public ValueTask FlowAsync(bool active, CancellationToken cancellationToken = default) =>
        _inner.FlowAsync(active, cancellationToken);

    /// <inheritdoc/>
    public ValueTask AfterReplyMessageReceivedAsync(string queue, CancellationToken cancellationToken = default) =>
        _inner.AfterReplyMessageReceivedAsync(queue, cancellationToken);

    /// <inheritdoc/>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) =>
        _inner.CloseAsync(cancellationToken);
}
