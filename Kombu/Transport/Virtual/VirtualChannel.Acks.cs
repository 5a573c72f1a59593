using Kombu.Exceptions;

namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    /// <inheritdoc/>
    /// <remarks>An unknown delivery tag is ignored; <paramref name="multiple"/> is not supported and ignored.</remarks>
    public ValueTask BasicAckAsync(DeliveryTag deliveryTag, bool multiple = false, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var tag = deliveryTag.ToString();
        return QoS.Get(tag) is { } envelope && QoS.Ack(tag)
            ? OnSettledAsync(envelope, SettleOutcome.Acked, cancellationToken)
            : default;
    }

    /// <inheritdoc/>
    public async ValueTask BasicRejectAsync(DeliveryTag deliveryTag, bool requeue = false, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var tag = deliveryTag.ToString();
        var envelope = QoS.Get(tag);
        await QoS.RejectAsync(tag, requeue, cancellationToken).ConfigureAwait(false);
        if (envelope is not null)
        {
            var outcome = requeue ? SettleOutcome.Requeued : SettleOutcome.Rejected;
            await OnSettledAsync(envelope, outcome, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="UnsupportedOperationException"><paramref name="requeue"/> is <see langword="false"/>.</exception>
    public async ValueTask BasicRecoverAsync(bool requeue = false, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        if (!requeue)
            throw new UnsupportedOperationException(ErrorMessages.RecoverWithoutRequeue);
        await QoS.RestoreUnackedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Only <paramref name="prefetchCount"/> is supported.</remarks>
    public ValueTask BasicQosAsync(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        QoS.PrefetchCount = prefetchCount;
        return default;
    }

    /// <inheritdoc/>
    /// <exception cref="UnsupportedOperationException">Always: virtual channels have no flow control.</exception>
    public ValueTask FlowAsync(bool active, CancellationToken cancellationToken = default) =>
        throw new UnsupportedOperationException(ErrorMessages.FlowNotSupported);
}
