using System.Diagnostics;

namespace Kombu.Transport.Amqp;

public sealed partial class AmqpTransport
{
    /// <inheritdoc/>
    /// <remarks>
    /// Waits for the next delivery on any channel of the connection and runs its consumer callback on the calling thread.
    /// A lost connection raises <see cref="AmqpConnectionException"/>; a consuming channel closed by the broker raises
    /// <see cref="AmqpChannelException"/>.
    /// </remarks>
    public override void DrainEvents(object connection, TimeSpan? timeout = null)
    {
        var amqp = (AmqpConnection)connection;
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            ThrowIfClosed(amqp);
            if (amqp.Pending.TryRead(out var delivery))
            {
                if (Dispatch(delivery))
                    return;
                continue;
            }
            if (!amqp.WaitForEvent(Remaining(start, timeout)))
                throw new TimeoutException(AmqpMessages.DrainTimedOut);
            if (amqp.Pending.Completion.IsCompleted)
                ThrowClosed(amqp);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DrainEventsAsync(object connection, TimeSpan? timeout = null,
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
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var remaining = Remaining(start, timeout);
            if (remaining != Timeout.InfiniteTimeSpan)
                cts.CancelAfter(remaining);
            bool more;
            try
            {
                more = await amqp.Pending.WaitToReadAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(AmqpMessages.DrainTimedOut);
            }
            if (!more)
                ThrowClosed(amqp);
        }
    }

    private static bool Dispatch(AmqpDelivery delivery)
    {
        if (delivery.Error is not null)
            throw delivery.Error;
        return delivery.Channel.Dispatch(delivery);
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
        throw new AmqpConnectionException(
            reason is null ? AmqpMessages.ConnectionClosed : AmqpMessages.Closed("Connection", reason),
            reason?.ReplyCode ?? 0, null);
    }
}
