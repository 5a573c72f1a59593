using Kombu.Common;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

/// <summary>Publishes messages to an exchange, serializing and compressing their bodies.</summary>
/// <remarks>Kombu's <c>kombu.Producer</c>. Created with a channel, or a connection (its default channel is used).</remarks>
public sealed partial class Producer : IRevivable, IDisposable, IAsyncDisposable
{
    private Connection? _connection;
    private IChannel? _channel;

    // Subscribed to the channel's returns: builds the message and calls OnReturn.
    private readonly Action<Exception, string, string, IncomingMessage>? _onReturned;

    /// <summary>Creates a producer on a channel.</summary>
    /// <param name="channel">The channel to publish on.</param>
    /// <param name="exchange">Default exchange; the default (nameless) exchange when <see langword="null"/>.</param>
    /// <param name="routingKey">Default routing key.</param>
    /// <param name="serializer">Default serializer (json when the body needs one).</param>
    /// <param name="autoDeclare">Declare the default exchange now and before publishing (default true).</param>
    /// <param name="compression">Default compression method, such as <c>zlib</c>.</param>
    /// <param name="onReturn">Called with (error, exchange, routing key, message) for returned messages, where supported.</param>
    public Producer(IChannel channel, Exchange? exchange = null, string? routingKey = null, string? serializer = null,
        bool autoDeclare = true, string? compression = null, Action<Exception, string, string, Message>? onReturn = null)
    {
        _channel = channel;
        Exchange = exchange ?? new Exchange("");
        RoutingKey = routingKey ?? "";
        Serializer = serializer;
        AutoDeclare = autoDeclare;
        Compression = compression;
        OnReturn = onReturn;
        if (onReturn is not null)
            _onReturned = (error, exchangeName, key, incoming) => onReturn(error, exchangeName, key, new Message(incoming));
        Revive(channel);
    }

    /// <summary>Creates a producer on a connection's default channel.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="exchange">Default exchange.</param>
    /// <param name="routingKey">Default routing key.</param>
    /// <param name="serializer">Default serializer.</param>
    /// <param name="autoDeclare">Declare the default exchange now and before publishing.</param>
    /// <param name="compression">Default compression method.</param>
    /// <param name="onReturn">Called for returned messages, where supported.</param>
    public Producer(Connection connection, Exchange? exchange = null, string? routingKey = null, string? serializer = null,
        bool autoDeclare = true, string? compression = null, Action<Exception, string, string, Message>? onReturn = null)
        : this(connection.DefaultChannel, exchange, routingKey, serializer, autoDeclare, compression, onReturn) =>
        _connection = connection;

    /// <summary>Creates a detached producer for a pool; <see cref="AttachAsync"/> binds it to a connection.</summary>
    internal Producer()
    {
        Exchange = new Exchange("");
        RoutingKey = "";
    }

    /// <summary>The channel messages are published on.</summary>
    /// <exception cref="InvalidOperationException">A pooled producer was used after being released.</exception>
    public IChannel Channel => _channel ?? throw new InvalidOperationException(Exceptions.ErrorMessages.ProducerReleased);

    /// <summary>The connection the producer publishes through.</summary>
    public Connection Connection => _connection ?? Channel.Transport.Client;

    /// <summary>Whether a pooled producer is released and has no channel.</summary>
    internal bool Detached => _channel is null;

    /// <summary>Called instead of doing nothing when the producer is released (a pool takes it back).</summary>
    internal Func<Producer, CancellationToken, ValueTask>? ReleaseHook { get; set; }

    /// <summary>The default exchange, bound to <see cref="Channel"/>.</summary>
    public Exchange Exchange { get; private set; }

    /// <summary>The default routing key.</summary>
    public string RoutingKey { get; }

    /// <summary>The default serializer, or <see langword="null"/> to choose by body type.</summary>
    public string? Serializer { get; }

    /// <summary>The default compression method, or <see langword="null"/> for none.</summary>
    public string? Compression { get; }

    /// <summary>Whether the default exchange is declared automatically.</summary>
    public bool AutoDeclare { get; }

    /// <summary>Called for returned (undeliverable) messages, where the transport supports it.</summary>
    public Action<Exception, string, string, Message>? OnReturn { get; }

    /// <summary>Declares the default exchange (unless it is the default, nameless one).</summary>
    public void Declare() => SyncOverAsync.Wait(DeclareAsync());

    /// <inheritdoc cref="Declare"/>
    public ValueTask DeclareAsync(CancellationToken cancellationToken = default) =>
        Exchange.Name.Length > 0 ? Exchange.DeclareAsync(cancellationToken: cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Declares an entity unless this connection already declared it.</summary>
    /// <param name="entity">An exchange or queue.</param>
    /// <param name="retry">Retry on connection errors.</param>
    /// <param name="retryPolicy">The retry policy.</param>
    /// <returns><see langword="true"/> when it was declared now.</returns>
    public bool MaybeDeclare(MaybeChannelBound entity, bool retry = false, RetryPolicy? retryPolicy = null) =>
        SyncOverAsync.Wait(MaybeDeclareAsync(entity, retry, retryPolicy));

    /// <inheritdoc cref="MaybeDeclare"/>
    public ValueTask<bool> MaybeDeclareAsync(MaybeChannelBound entity, bool retry = false, RetryPolicy? retryPolicy = null,
        CancellationToken cancellationToken = default) =>
        Declarations.MaybeDeclareAsync(entity, Channel, retry, retryPolicy, cancellationToken);

    /// <summary>Continues on <paramref name="channel"/>: rebinds the exchange and declares it if asked.</summary>
    /// <param name="channel">The new channel.</param>
    public void Revive(IChannel channel) => SyncOverAsync.Wait(ReviveAsync(channel));

    /// <inheritdoc cref="Revive"/>
    public ValueTask ReviveAsync(IChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (_onReturned is { } onReturn)
        {
            if (_channel is IReturnsMessages previous)
                previous.Returned -= onReturn;
            if (channel is IReturnsMessages returns)
                returns.Returned += onReturn;
        }
        _channel = channel;
        Exchange = Exchange.Bind(channel);
        return AutoDeclare ? DeclareAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Releases the producer: a pooled producer goes back to its pool; otherwise nothing happens.</summary>
    public void Release() => SyncOverAsync.Wait(ReleaseAsync());

    /// <inheritdoc cref="Release"/>
    public ValueTask ReleaseAsync(CancellationToken cancellationToken = default) =>
        ReleaseHook?.Invoke(this, cancellationToken) ?? ValueTask.CompletedTask;

    /// <inheritdoc cref="Release"/>
    public void Close() => Release();

    /// <inheritdoc cref="Release"/>
    public void Dispose() => Release();

    /// <inheritdoc cref="Release"/>
    public ValueTask DisposeAsync() => ReleaseAsync();

    /// <inheritdoc/>
    public override string ToString() => $"<Producer: {_channel?.ToString() ?? "released"}>";

    /// <summary>Moves a pooled producer onto <paramref name="connection"/>'s default channel.</summary>
    internal async ValueTask AttachAsync(Connection connection, CancellationToken cancellationToken)
    {
        _connection = connection;
        await ReviveAsync(await connection.GetDefaultChannelAsync(cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Takes the connection from a pooled producer being released.</summary>
    internal Connection? Detach()
    {
        var connection = _connection;
        _connection = null;
        _channel = null;
        return connection;
    }
}
