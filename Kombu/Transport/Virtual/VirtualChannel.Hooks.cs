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
    /// <remarks>
    /// Kombu's <c>QoS.ack</c>/<c>QoS.reject</c> overrides. Called from the default
    /// <see cref="OnSettledAsync(Envelope, SettleOutcome, CancellationToken)"/>, so not when a store overrides that one.
    /// </remarks>
    protected virtual ValueTask OnSettledAsync(string deliveryTag, CancellationToken cancellationToken) => default;

    /// <summary>Called after an unacknowledged message was acknowledged or rejected; the default calls
    /// <see cref="OnSettledAsync(string, CancellationToken)"/> unless the message was requeued.</summary>
    /// <param name="envelope">The message as it was delivered.</param>
    /// <param name="outcome">How it was settled; a requeued message was already put back by <see cref="RestoreAtBeginningAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store has settled the message.</returns>
    /// <remarks>
    /// Kombu's <c>basic_ack</c> and <c>QoS.reject</c> overrides: stores that keep a delivered message until it is settled
    /// (SQS receipt handles, reserved beanstalk jobs) delete or release it here.
    /// </remarks>
    protected virtual ValueTask OnSettledAsync(Envelope envelope, SettleOutcome outcome, CancellationToken cancellationToken) =>
        outcome == SettleOutcome.Requeued ? default : OnSettledAsync(envelope.DeliveryTag, cancellationToken);

    /// <summary>Called when a message is delivered without acknowledgement (a no_ack consumer or get); the default does nothing.</summary>
    /// <param name="envelope">The delivered message; it is never recorded in <see cref="QoS"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store has forgotten the message; the consumer callback runs after it.</returns>
    /// <remarks>Kombu's SQS <c>_noack_queues</c> handling: a store that keeps delivered messages deletes this one at once.</remarks>
    protected virtual ValueTask OnDeliveredNoAckAsync(Envelope envelope, CancellationToken cancellationToken) => default;

    /// <summary>Called after a consumer was added or cancelled (see <see cref="ActiveQueues"/>); the default does nothing.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store is ready for the new set of consumed queues.</returns>
    /// <remarks>Kombu's <c>basic_consume</c>/<c>basic_cancel</c> overrides (Redis subscribes fanout queues here).</remarks>
    protected virtual ValueTask OnConsumersChangedAsync(CancellationToken cancellationToken) => default;

    /// <summary>Called when the channel closes, after its consumers were cleared and before unacked messages are restored.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store-specific cleanup is done.</returns>
    protected virtual ValueTask OnClosingAsync(CancellationToken cancellationToken) => default;

    /// <summary>Called last when the channel closes, after unacked messages were restored (even if that failed); the default does nothing.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the store has released what the channel held (such as its own connection).</returns>
    protected virtual ValueTask OnClosedAsync(CancellationToken cancellationToken) => default;
}
