namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    /// <inheritdoc/>
    /// <remarks>
    /// Cancels every consumer, then restores each unacknowledged message once (marked redelivered) unless
    /// <see cref="QoS.RestoreAtShutdown"/> is off, lets the store release what it holds (<see cref="OnClosedAsync"/>) and
    /// removes the channel from its transport. Closing twice does nothing.
    /// </remarks>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_closed)
            return;
        _closed = true;
        lock (_consumersLock)
            ClearConsumers();
        try
        {
            await OnClosingAsync(cancellationToken).ConfigureAwait(false);
            await QoS.RestoreUnackedOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await OnClosedAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                VirtualTransport.RemoveChannel(this);
            }
        }
    }
}
