using Kombu.Exceptions;

namespace Kombu.Transport.Beanstalk;

// The virtual channel settles messages in memory only; these members re-implement IChannel to settle the jobs too.
public sealed partial class BeanstalkChannel
{
    /// <inheritdoc cref="IChannel.BasicAck"/>
    /// <remarks>Deletes the job.</remarks>
    public new void BasicAck(object deliveryTag, bool multiple = false) => ValueTaskExtensions.WaitSync(BasicAckAsync(deliveryTag, multiple));

    /// <inheritdoc cref="IChannel.BasicAck"/>
    public new async ValueTask BasicAckAsync(object deliveryTag, bool multiple = false, CancellationToken cancellationToken = default)
    {
        await base.BasicAckAsync(deliveryTag, multiple, cancellationToken).ConfigureAwait(false);
        await DeleteJobAsync(deliveryTag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="IChannel.BasicReject"/>
    /// <remarks>Deletes the job, or releases it when <paramref name="requeue"/> is set.</remarks>
    public new void BasicReject(object deliveryTag, bool requeue = false) => ValueTaskExtensions.WaitSync(BasicRejectAsync(deliveryTag, requeue));

    /// <inheritdoc cref="IChannel.BasicReject"/>
    public new async ValueTask BasicRejectAsync(object deliveryTag, bool requeue = false, CancellationToken cancellationToken = default)
    {
        await base.BasicRejectAsync(deliveryTag, requeue, cancellationToken).ConfigureAwait(false);
        if (!requeue)
            await DeleteJobAsync(deliveryTag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="IChannel.BasicGet"/>
    /// <remarks>With <paramref name="noAck"/>, the job is deleted at once.</remarks>
    public new Message? BasicGet(string queue, bool noAck = false) => ValueTaskExtensions.WaitSync(BasicGetAsync(queue, noAck));

    /// <inheritdoc cref="IChannel.BasicGet"/>
    public new async ValueTask<Message?> BasicGetAsync(string queue, bool noAck = false, CancellationToken cancellationToken = default)
    {
        var message = await base.BasicGetAsync(queue, noAck, cancellationToken).ConfigureAwait(false);
        if (message is not null && noAck)
            await DeleteJobAsync(message.DeliveryTag!, cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <inheritdoc cref="IChannel.BasicConsume"/>
    /// <remarks>With <paramref name="noAck"/>, each job is deleted as it is delivered.</remarks>
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
                await DeleteJobAsync(message.DeliveryTag!, ct).ConfigureAwait(false);
                await inner(message, ct).ConfigureAwait(false);
            };
        }
        return base.BasicConsumeAsync(queue, noAck, callback, consumerTag, nowait, arguments, cancellationToken);
    }

    /// <inheritdoc/>
    protected override string? RefuseExchangeType(string exchange, string type) =>
        type == "fanout" ? BeanstalkErrors.FanoutNotSupported(exchange) : null;

    /// <inheritdoc cref="IChannel.Close"/>
    /// <remarks>Releases the unacknowledged jobs, then closes this channel's connection.</remarks>
    public new void Close() => ValueTaskExtensions.WaitSync(CloseAsync());

    /// <inheritdoc cref="IChannel.Close"/>
    public new async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        await base.CloseAsync(cancellationToken).ConfigureAwait(false);
        await FinishAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the channel and its connection.</summary>
    public new void Dispose() => Close();

    /// <summary>Closes the channel and its connection.</summary>
    /// <returns>A task that completes when the channel is closed.</returns>
    public new async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private async ValueTask DeleteJobAsync(object deliveryTag, CancellationToken cancellationToken)
    {
        var tag = deliveryTag as string ?? deliveryTag.ToString() ?? "";
        (long Id, uint Priority) job;
        lock (_jobsLock)
        {
            if (!_jobs.Remove(tag, out job))
                return;
        }
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await TryDeleteAsync(client, job.Id).ConfigureAwait(false);
    }
}
