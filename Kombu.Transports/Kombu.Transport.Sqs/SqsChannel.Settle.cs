using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Sqs;

// The virtual channel settles messages in memory only; these members re-implement IChannel to settle them on SQS too.
public sealed partial class SqsChannel
{
    /// <inheritdoc cref="IChannel.BasicAck"/>
    /// <remarks>Deletes the message (<c>DeleteMessage</c> with its receipt handle).</remarks>
    public new void BasicAck(object deliveryTag, bool multiple = false) => ValueTaskExtensions.WaitSync(BasicAckAsync(deliveryTag, multiple));

    /// <inheritdoc cref="IChannel.BasicAck"/>
    public new async ValueTask BasicAckAsync(object deliveryTag, bool multiple = false, CancellationToken cancellationToken = default)
    {
        await base.BasicAckAsync(deliveryTag, multiple, cancellationToken).ConfigureAwait(false);
        await DeleteMessageAsync(deliveryTag as string ?? "", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="IChannel.BasicReject"/>
    /// <remarks>Without requeue nothing is sent (the message returns after its visibility timeout, as in Kombu 5).</remarks>
    public new void BasicReject(object deliveryTag, bool requeue = false) => ValueTaskExtensions.WaitSync(BasicRejectAsync(deliveryTag, requeue));

    /// <inheritdoc cref="IChannel.BasicReject"/>
    public new async ValueTask BasicRejectAsync(object deliveryTag, bool requeue = false, CancellationToken cancellationToken = default)
    {
        await base.BasicRejectAsync(deliveryTag, requeue, cancellationToken).ConfigureAwait(false);
        _receipts.TryRemove(deliveryTag as string ?? "", out _);
    }

    /// <inheritdoc cref="IChannel.BasicGet"/>
    /// <remarks>With <paramref name="noAck"/>, the message is deleted at once.</remarks>
    public new Message? BasicGet(string queue, bool noAck = false) => ValueTaskExtensions.WaitSync(BasicGetAsync(queue, noAck));

    /// <inheritdoc cref="IChannel.BasicGet"/>
    public new async ValueTask<Message?> BasicGetAsync(string queue, bool noAck = false, CancellationToken cancellationToken = default)
    {
        var message = await base.BasicGetAsync(queue, noAck, cancellationToken).ConfigureAwait(false);
        if (message is not null && noAck)
            await DeleteMessageAsync(message.DeliveryTag as string ?? "", cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <inheritdoc cref="IChannel.BasicConsume"/>
    /// <remarks>With <paramref name="noAck"/>, each message is deleted as it is delivered.</remarks>
    public new string BasicConsume(string queue, bool noAck, MessageHandler callback, string consumerTag = "",
        bool nowait = false, IDictionary<string, object?>? arguments = null) =>
        ValueTaskExtensions.WaitSync(BasicConsumeAsync(queue, noAck, callback, consumerTag, nowait, arguments));

    /// <inheritdoc cref="IChannel.BasicConsume"/>
    public new ValueTask<string> BasicConsumeAsync(string queue, bool noAck, MessageHandler callback, string consumerTag = "",
        bool nowait = false, IDictionary<string, object?>? arguments = null, CancellationToken cancellationToken = default)
    {
        if (noAck)
        {
            var inner = callback;
            callback = async (message, ct) =>
            {
                await DeleteMessageAsync(message.DeliveryTag as string ?? "", ct).ConfigureAwait(false);
                await inner(message, ct).ConfigureAwait(false);
            };
        }
        return base.BasicConsumeAsync(queue, noAck, callback, consumerTag, nowait, arguments, cancellationToken);
    }

    /// <inheritdoc/>
    protected override string? RefuseExchangeType(string exchange, string type) =>
        type == "fanout" ? SqsErrors.FanoutNotSupported(exchange) : null;

    /// <inheritdoc/>
    protected override ValueTask PutFanoutAsync(string exchange, Envelope envelope, string routingKey,
        CancellationToken cancellationToken) =>
        throw new UnsupportedOperationException(SqsErrors.FanoutNotSupported(exchange));

    /// <inheritdoc/>
    /// <remarks>Kombu's <c>_put</c> of a redelivered message: <c>ChangeMessageVisibility</c> to <c>wait_time_seconds</c>.</remarks>
    protected override async ValueTask RestoreAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        if (!_receipts.TryRemove(envelope.DeliveryTag, out var url))
            return;
        await _transport.Sqs.ChangeMessageVisibilityAsync(url, envelope.DeliveryTag, Options.WaitTimeSeconds, cancellationToken)
            .ConfigureAwait(false);
    }

    private async ValueTask DeleteMessageAsync(string receipt, CancellationToken cancellationToken)
    {
        if (_receipts.TryRemove(receipt, out var url))
            await _transport.Sqs.DeleteMessageAsync(url, receipt, cancellationToken).ConfigureAwait(false);
    }
}
