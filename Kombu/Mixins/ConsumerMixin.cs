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
public abstract partial class ConsumerMixin
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
}
