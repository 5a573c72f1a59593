using System.Runtime.CompilerServices;
using Kombu.Transport;
using Kombu.Utils;
using Microsoft.Extensions.Logging;

namespace Kombu.Mixins;

/// <summary>A base for consumer workers: consume from a connection, reconnecting after connection errors, until stopped.</summary>
/// <remarks>
/// Kombu's <c>kombu.mixins.ConsumerMixin</c>. Derive, supply <see cref="Connection"/> and <see cref="GetConsumers"/>,
/// then call <see cref="Run"/> on a thread of your own or await <see cref="RunAsync"/>. Python's context managers
/// (<c>Consumer</c>, <c>consumer_context</c>) are the internal session that <see cref="Consume"/> opens.
/// </remarks>
public abstract class ConsumerMixin
{
    private volatile bool _shouldStop;
    private TokenBucket? _restartLimit;
    private ILogger? _logger;

    /// <summary>The connection to consume from; each session uses a clone of it.</summary>
    public abstract Connection Connection { get; }

    /// <summary>Set to stop consuming; <see cref="Run"/> returns after the current iteration.</summary>
    public bool ShouldStop { get => _shouldStop; set => _shouldStop = value; }

    /// <summary>Most retries when (re)connecting; <see langword="null"/> retries forever.</summary>
    public int? ConnectMaxRetries { get; set; }

    /// <summary>Limits how often the consumers are restarted after connection errors (one per second by default).</summary>
    public TokenBucket RestartLimit => _restartLimit ??= new TokenBucket(1);

    /// <summary>How long each drain waits before checking <see cref="ShouldStop"/> again, in <see cref="Run"/> (default 1 s).</summary>
    public TimeSpan SafetyInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The connection errors of the transport.</summary>
    public IReadOnlyList<Type> ConnectionErrors => Connection.ConnectionErrors;

    /// <summary>The channel errors of the transport.</summary>
    public IReadOnlyList<Type> ChannelErrors => Connection.ChannelErrors;

    /// <summary>The logger, from the connection's logger factory.</summary>
    protected ILogger Logger => _logger ??= Connection.LoggerFactory.CreateLogger(GetType());

    /// <summary>Returns the consumers to run on a channel.</summary>
    /// <param name="factory">Creates a consumer on <paramref name="channel"/> wired to <see cref="OnDecodeError"/>.</param>
    /// <param name="channel">The session's channel.</param>
    /// <returns>The consumers; the mixin starts and cancels them.</returns>
    public abstract IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel);

    /// <summary>Called when the connection is lost or unavailable; logs a warning by default.</summary>
    /// <param name="exception">The error.</param>
    /// <param name="interval">The time until the next attempt.</param>
    public virtual void OnConnectionError(Exception exception, TimeSpan interval) =>
        Logger.LogConnectionLost(exception, interval);

    /// <summary>Called when the connection is (re-)established.</summary>
    public virtual void OnConnectionRevived()
    {
    }

    /// <summary>Called when the consumers are consuming, before the first drain.</summary>
    /// <param name="connection">The session's connection.</param>
    /// <param name="channel">The session's channel.</param>
    /// <param name="consumers">The consumers.</param>
    public virtual void OnConsumeReady(Connection connection, IChannel channel, IReadOnlyList<Consumer> consumers)
    {
    }

    /// <summary>Called after the consumers are cancelled.</summary>
    /// <param name="connection">The session's connection.</param>
    /// <param name="channel">The session's channel.</param>
    public virtual void OnConsumeEnd(Connection connection, IChannel channel)
    {
    }

    /// <summary>Called before every drain.</summary>
    public virtual void OnIteration()
    {
    }

    /// <summary>Called when a message body cannot be decoded; logs the error and acknowledges the message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="exception">The decoding error.</param>
    /// <remarks>An override should acknowledge or reject the message itself, or call this.</remarks>
    public virtual void OnDecodeError(Message message, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(exception);
        Logger.LogDecodeError(exception, exception.Message, message.ContentType, message.ContentEncoding);
        message.Ack();
    }

    /// <summary>Returns something to dispose when the session ends, entered after the consumers are set up.</summary>
    /// <param name="connection">The session's connection.</param>
    /// <param name="channel">The session's channel.</param>
    /// <returns>The resource, or <see langword="null"/> (the default).</returns>
    public virtual IDisposable? ExtraContext(Connection connection, IChannel channel) => null;

    /// <summary>Creates the connection of a new session; a clone of <see cref="Connection"/> by default.</summary>
    /// <returns>The new, not yet connected, connection.</returns>
    public virtual Connection CreateConnection() => Connection.Clone();

    /// <summary>Creates a connection and connects it, retrying with <see cref="OnConnectionError"/> as errback.</summary>
    /// <returns>The connected connection; the caller disposes it.</returns>
    public Connection EstablishConnection() => SyncOverAsync.Wait(EstablishConnectionAsync());

    /// <inheritdoc cref="EstablishConnection"/>
    public async ValueTask<Connection> EstablishConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateConnection();
        try
        {
            return await connection.EnsureConnectionAsync(OnConnectionError, ConnectMaxRetries,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs an action, ignoring connection and channel errors.</summary>
    /// <param name="action">The action.</param>
    public void MaybeConnError(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
        catch (Exception ex) when (IsConnectionOrChannelError(ex))
        {
        }
    }

    private bool IsConnectionOrChannelError(Exception ex) =>
        Connection.IsAny(ex, ConnectionErrors) || Connection.IsAny(ex, ChannelErrors);

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
