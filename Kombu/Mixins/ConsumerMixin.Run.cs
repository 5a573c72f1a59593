using System.Runtime.CompilerServices;
using Kombu.Transport;
using Kombu.Utils;
using Microsoft.Extensions.Logging;

namespace Kombu.Mixins;

public abstract partial class ConsumerMixin
{
    /// <summary>Consumes until <see cref="ShouldStop"/> is set or the token is cancelled, restarting after connection errors.</summary>
    /// <param name="cancellationToken">Sets <see cref="ShouldStop"/> when cancelled.</param>
    /// <remarks>Restarts are limited by <see cref="RestartLimit"/>; each drain waits at most <see cref="SafetyInterval"/>.</remarks>
    public void Run(CancellationToken cancellationToken = default) => SyncOverAsync.Wait(RunAsync(cancellationToken));

    /// <inheritdoc cref="Run"/>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await using var registration = cancellationToken.Register(() => ShouldStop = true).ConfigureAwait(false);
        while (!ShouldStop)
        {
            try
            {
                if (RestartLimit.CanConsume())
                {
                    await foreach (var _ in ConsumeAsync(safetyInterval: SafetyInterval, cancellationToken: cancellationToken)
                        .ConfigureAwait(false))
                    {
                    }
                }
                else
                {
                    await Task.Delay(RestartLimit.ExpectedTime(), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ShouldStop = true;
                return;
            }
            catch (Exception ex) when (IsConnectionOrChannelError(ex))
            {
                Logger.LogRestarting(ex);
            }
        }
    }

    /// <summary>Opens a session and drains events, yielding after each delivered event.</summary>
    /// <param name="limit">Most iterations; <see langword="null"/> for no limit.</param>
    /// <param name="timeout">Throw <see cref="TimeoutException"/> when nothing arrived for this long; <see langword="null"/> waits forever.</param>
    /// <param name="safetyInterval">How long each drain waits before checking <see cref="ShouldStop"/> again (default 1 s).</param>
    /// <returns>The iteration numbers of the drains that delivered an event.</returns>
    /// <exception cref="TimeoutException">Nothing arrived within <paramref name="timeout"/>.</exception>
    public IEnumerable<int> Consume(int? limit = null, TimeSpan? timeout = null, TimeSpan? safetyInterval = null) =>
        SyncOverAsync.Enumerate(ConsumeAsync(limit, timeout, safetyInterval));

    /// <inheritdoc cref="Consume"/>
    public async IAsyncEnumerable<int> ConsumeAsync(int? limit = null, TimeSpan? timeout = null,
        TimeSpan? safetyInterval = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var interval = safetyInterval ?? TimeSpan.FromSeconds(1);
        var session = await OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var elapsed = TimeSpan.Zero;
            for (var i = 0; (limit is null || i < limit) && !ShouldStop; i++)
            {
                OnIteration();
                bool delivered;
                try
                {
                    await session.Connection.DrainEventsAsync(interval, cancellationToken).ConfigureAwait(false);
                    delivered = true;
                }
                catch (TimeoutException) when (!TimedOut(ref elapsed, interval, timeout))
                {
                    delivered = false;
                }
                catch (Exception ex) when (ShouldStop && IsConnectionOrChannelError(ex))
                {
                    yield break;
                }
                if (delivered)
                {
                    yield return i;
                    elapsed = TimeSpan.Zero;
                }
            }
        }
        finally
        {
            await CloseSessionAsync(session).ConfigureAwait(false);
        }
    }

    private static bool TimedOut(ref TimeSpan elapsed, TimeSpan interval, TimeSpan? timeout)
    {
        elapsed += interval;
        return timeout is { } limit && elapsed >= limit;
    }

    private async ValueTask<ConsumerSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var connection = await EstablishConnectionAsync(cancellationToken).ConfigureAwait(false);
        var consumers = new List<Consumer>();
        try
        {
            OnConnectionRevived();
            Logger.LogConnected(connection.AsUri());
            var channel = await connection.GetDefaultChannelAsync(cancellationToken).ConfigureAwait(false);
            // The factory builds consumers without touching the broker; they are declared and started below.
            Consumer Factory(IEnumerable<Queue> queues, IEnumerable<Action<object?, Message>>? callbacks, bool noAck,
                IEnumerable<string>? accept, int? prefetchCount, Action<Message>? onMessage) =>
                new(channel, queues, noAck, autoDeclare: true, callbacks, OnDecodeError, onMessage, accept, prefetchCount,
                    tagPrefix: null, revive: false);
            consumers.AddRange(GetConsumers(Factory, channel));
            foreach (var consumer in consumers)
            {
                await consumer.ReviveAsync(channel, cancellationToken).ConfigureAwait(false);
                await consumer.ConsumeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            var session = new ConsumerSession(connection, channel, consumers);
            session.Extra = ExtraContext(connection, channel);
            OnConsumeReady(connection, channel, consumers);
            return session;
        }
        catch
        {
            foreach (var consumer in consumers)
                await CancelQuietlyAsync(consumer).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask CloseSessionAsync(ConsumerSession session)
    {
        try
        {
            session.Extra?.Dispose();
            foreach (var consumer in session.Consumers)
                await CancelQuietlyAsync(consumer).ConfigureAwait(false);
            OnConsumeEnd(session.Connection, session.Channel);
        }
        finally
        {
            await session.Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Kombu's maybe_conn_error around consumer.cancel: a lost connection has no consumers left to cancel.
    private async ValueTask CancelQuietlyAsync(Consumer consumer)
    {
        try
        {
            await consumer.CancelAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionOrChannelError(ex))
        {
        }
    }
}
