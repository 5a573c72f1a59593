using System.Diagnostics;

namespace Kombu.Transport.Amqp;

public sealed partial class AmqpTransport
{
    /// <inheritdoc/>
    /// <remarks>
    /// Waits for the next delivery on any channel of the connection and runs its consumer callback. A lost connection
    /// raises <see cref="AmqpConnectionException"/>; a consuming channel closed by the broker raises
    /// <see cref="AmqpChannelException"/>.
    /// </remarks>
    public override async ValueTask DrainEventsAsync(ITransportConnection connection, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var amqp = (AmqpConnection)connection;
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            ThrowIfClosed(amqp);
            if (amqp.Pending.TryRead(out var delivery))
            {
                if (delivery.Error is not null)
                    throw delivery.Error;
                if (await delivery.Channel.DispatchAsync(delivery, cancellationToken).ConfigureAwait(false))
                    return;
                continue;
            }
            if (!await WaitForEventAsync(amqp, Remaining(start, timeout), cancellationToken).ConfigureAwait(false))
                ThrowClosed(amqp);
        }
    }

    // Without a timeout there is no cancellation source to create: the common case of a consumer loop.
    private static async ValueTask<bool> WaitForEventAsync(AmqpConnection amqp, TimeSpan remaining,
        CancellationToken cancellationToken)
    {
        if (remaining == Timeout.InfiniteTimeSpan)
            return await amqp.Pending.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(remaining);
        try
        {
            return await amqp.Pending.WaitToReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(AmqpMessages.DrainTimedOut);
        }
    }

    private static TimeSpan Remaining(long start, TimeSpan? timeout)
    {
        if (timeout is not { } max)
            return Timeout.InfiniteTimeSpan;
        var left = max - Stopwatch.GetElapsedTime(start);
        if (left <= TimeSpan.Zero)
            throw new TimeoutException(AmqpMessages.DrainTimedOut);
        return left;
    }

    private static void ThrowIfClosed(AmqpConnection connection)
    {
        if (!connection.IsOpen)
            ThrowClosed(connection);
    }

    private static void ThrowClosed(AmqpConnection connection)
    {
        var reason = connection.CloseReason;
        throw AmqpErrors.ConnectionError(
            reason is null ? AmqpMessages.ConnectionClosed : AmqpMessages.Closed("Connection", reason),
            reason, null);
    }
}
