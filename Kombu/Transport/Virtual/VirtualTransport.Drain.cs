using System.Diagnostics;
using Kombu.Exceptions;

namespace Kombu.Transport.Virtual;

public abstract partial class VirtualTransport
{
    /// <inheritdoc/>
    /// <remarks>
    /// Cycles over the channels with consumers (each cycling over its queues while its prefetch window allows) and
    /// delivers exactly one message to its consumer. When everything is empty it waits with
    /// <see cref="WaitForMessagesAsync"/> and polls again until <paramref name="timeout"/> has passed.
    /// </remarks>
    public override async ValueTask DrainEventsAsync(ITransportConnection connection, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var interval = PollingInterval;
        if (timeout is { } limit && limit < interval)
            interval = limit < TimeSpan.Zero ? TimeSpan.Zero : limit;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await _cycle.GetAsync(cancellationToken).ConfigureAwait(false))
                return;
            var wait = interval;
            if (timeout is { } max)
            {
                var remaining = max - Stopwatch.GetElapsedTime(start);
                if (remaining <= TimeSpan.Zero)
                    throw new TimeoutException(ErrorMessages.DrainTimedOut);
                if (remaining < wait)
                    wait = remaining;
            }
            await WaitForMessagesAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits before the next poll after every consumed queue was found empty.</summary>
    /// <param name="maxWait">The longest wait: the polling interval, capped by the time left before the timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when it is time to poll again.</returns>
    /// <remarks>The default sleeps <paramref name="maxWait"/>; a store that can signal new messages returns sooner.</remarks>
    protected virtual ValueTask WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        maxWait <= TimeSpan.Zero ? default : new ValueTask(Task.Delay(maxWait, cancellationToken));
}
