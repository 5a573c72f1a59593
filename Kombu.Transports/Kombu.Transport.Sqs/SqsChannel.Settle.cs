using Amazon.SQS;
using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Sqs;

// SQS keeps a received message (invisible) until it is deleted by receipt handle or its visibility timeout ends.
public sealed partial class SqsChannel
{
    /// <inheritdoc/>
    /// <exception cref="KombuChannelException">SQS denied the credentials the right to delete the message.</exception>
    /// <remarks>
    /// Ack deletes the message (<c>DeleteMessage</c>); when SQS refuses for another reason than AccessDenied, the ack
    /// becomes a reject, as in Kombu 5. Reject without requeue sends nothing: the message returns after its
    /// visibility timeout, as in Kombu 5. After a reject, with or without requeue, a <c>backoff_policy</c> of the
    /// predefined queue named by the routing key sets the visibility timeout by task name and receive count.
    /// </remarks>
    protected override async ValueTask OnSettledAsync(Envelope envelope, SettleOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome == SettleOutcome.Acked)
        {
            if (!_receipts.TryRemove(envelope.DeliveryTag, out var held))
                return;
            try
            {
                await _transport.ClientFor(held.SqsName).DeleteMessageAsync(held.Url, envelope.DeliveryTag, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }
            catch (AmazonSQSException ex) when (ex.ErrorCode != "AccessDenied")
            {
                // Kombu 5: any other client error turns the ack into a reject.
                SqsLog.AckFailed(_transport.Log, ex, MessageId(envelope), held.Url);
            }
            catch (AmazonSQSException ex)
            {
                throw new KombuChannelException(SqsErrors.AckAccessDenied(held.Url, ex.Message), ex);
            }
        }
        _receipts.TryRemove(envelope.DeliveryTag, out _);
        await ApplyBackoffAsync(envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Deletes the message at once, as Kombu does for its no_ack queues.</remarks>
    protected override ValueTask OnDeliveredNoAckAsync(Envelope envelope, CancellationToken cancellationToken) =>
        DeleteMessageAsync(envelope.DeliveryTag, cancellationToken);

    /// <inheritdoc/>
    protected override string? RefuseExchangeType(string exchange, string type) =>
        type == "fanout" ? SqsErrors.FanoutNotSupported(exchange) : null;

    /// <inheritdoc/>
    protected override ValueTask PutFanoutAsync(string exchange, Envelope envelope, string routingKey,
        CancellationToken cancellationToken) =>
        throw new UnsupportedOperationException(SqsErrors.FanoutNotSupported(exchange));

    /// <inheritdoc/>
    /// <remarks>Kombu's <c>_put</c> of a redelivered message: <c>ChangeMessageVisibility</c> to <c>wait_time_seconds</c>.</remarks>
    protected internal override ValueTask RestoreAsync(Envelope envelope, CancellationToken cancellationToken) =>
        ChangeVisibilityAsync(envelope.DeliveryTag, Options.WaitTimeSeconds, cancellationToken);

    // Kombu's QoS.apply_backoff_policy.
    private async ValueTask ApplyBackoffAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        if (Options.PredefinedQueues?.GetValueOrDefault(envelope.RoutingKey) is not { } queue
            || queue.BackoffFor(envelope.Headers.GetValueOrDefault("task") as string, ReceiveCount(envelope)) is not { } seconds)
            return;
        await _transport.ClientFor(envelope.RoutingKey)
            .ChangeMessageVisibilityAsync(queue.Url, envelope.DeliveryTag, seconds, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DeleteMessageAsync(string receipt, CancellationToken cancellationToken)
    {
        if (_receipts.TryRemove(receipt, out var held))
            await _transport.ClientFor(held.SqsName).DeleteMessageAsync(held.Url, receipt, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ChangeVisibilityAsync(string receipt, int seconds, CancellationToken cancellationToken)
    {
        if (_receipts.TryRemove(receipt, out var held))
        {
            await _transport.ClientFor(held.SqsName).ChangeMessageVisibilityAsync(held.Url, receipt, seconds, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
