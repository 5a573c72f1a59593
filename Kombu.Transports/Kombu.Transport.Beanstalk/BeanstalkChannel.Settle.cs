using Kombu.Transport.Virtual;

namespace Kombu.Transport.Beanstalk;

// Delivered jobs stay reserved on this channel's connection until the virtual channel settles them.
public sealed partial class BeanstalkChannel
{
    /// <inheritdoc/>
    /// <remarks>Ack and reject delete the job; a requeued job was already released by <see cref="RestoreAsync"/>.</remarks>
    protected override ValueTask OnSettledAsync(Envelope envelope, SettleOutcome outcome, CancellationToken cancellationToken) =>
        outcome == SettleOutcome.Requeued ? default : DeleteJobAsync(envelope.DeliveryTag, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Deletes the job at once.</remarks>
    protected override ValueTask OnDeliveredNoAckAsync(Envelope envelope, CancellationToken cancellationToken) =>
        DeleteJobAsync(envelope.DeliveryTag, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Closes this channel's connection; the server releases the jobs still reserved on it (those left unrestored when
    /// <see cref="QoS.RestoreAtShutdown"/> is off).
    /// </remarks>
    protected override ValueTask OnClosedAsync(CancellationToken cancellationToken)
    {
        lock (_jobsLock)
            _jobs.Clear();
        _client?.Dispose();
        return default;
    }

    /// <inheritdoc/>
    protected override string? RefuseExchangeType(string exchange, string type) =>
        type == "fanout" ? BeanstalkErrors.FanoutNotSupported(exchange) : null;

    private async ValueTask DeleteJobAsync(string deliveryTag, CancellationToken cancellationToken)
    {
        (long Id, uint Priority) job;
        lock (_jobsLock)
        {
            if (!_jobs.Remove(deliveryTag, out job))
                return;
        }
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await TryDeleteAsync(client, job.Id).ConfigureAwait(false);
    }
}
