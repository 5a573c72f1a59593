namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    /// <summary>Called after a delivered message was recorded as unacknowledged; the default does nothing.</summary>
    /// <param name="envelope">The delivered message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store has recorded the delivery.</returns>
    /// <remarks>Kombu's <c>QoS.append</c> override (the Redis transport writes <c>unacked</c> here).</remarks>
    protected virtual ValueTask OnDeliveredAsync(Envelope envelope, CancellationToken cancellationToken) => default;

    /// <summary>Called after an unacknowledged message was acknowledged or rejected without requeue; the default does nothing.</summary>
    /// <param name="deliveryTag">The delivery tag.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store has forgotten the delivery.</returns>
    /// <remarks>Kombu's <c>QoS.ack</c>/<c>QoS.reject</c> overrides.</remarks>
    protected virtual ValueTask OnSettledAsync(string deliveryTag, CancellationToken cancellationToken) => default;

    /// <summary>Called after a consumer was added or cancelled (see <see cref="ActiveQueues"/>); the default does nothing.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store is ready for the new set of consumed queues.</returns>
    /// <remarks>Kombu's <c>basic_consume</c>/<c>basic_cancel</c> overrides (Redis subscribes fanout queues here).</remarks>
    protected virtual ValueTask OnConsumersChangedAsync(CancellationToken cancellationToken) => default;

    /// <summary>Called when the channel closes, after its consumers were cleared and before unacked messages are restored.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store-specific cleanup is done.</returns>
    protected virtual ValueTask OnClosingAsync(CancellationToken cancellationToken) => default;
}
