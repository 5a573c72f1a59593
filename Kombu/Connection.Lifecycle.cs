using Kombu.Exceptions;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

public partial class Connection
{
    private readonly Lock _gate = new();
    private BrokerTransport? _transport;
    private ITransportConnection? _connection;
    private IChannel? _defaultChannel;
    private bool _closed;

    /// <summary>The transport instance, created on first use.</summary>
    /// <exception cref="TransportNotFoundException">The transport is unknown or its package is missing.</exception>
    public BrokerTransport Transport
    {
        get
        {
            if (_transport is null)
            {
                lock (_gate)
                    _transport ??= Kombu.Transport.Transports.Create(TransportName, this);
            }
            return _transport;
        }
    }

    /// <summary>The transport's own connection to the broker, connecting first if needed.</summary>
    /// <remarks>Kombu's <c>Connection.connection</c>. Do not depend on its type.</remarks>
    public ITransportConnection UnderlyingConnection => SyncOverAsync.Wait(GetUnderlyingConnectionAsync(CancellationToken.None));

    /// <summary>Whether the connection to the broker is established and usable.</summary>
    public bool Connected => _connection is { } c && Transport.VerifyConnection(c);

    /// <summary>The channel the connection keeps for shortcuts such as <see cref="CreateProducer"/>.</summary>
    /// <remarks>Kombu's <c>default_channel</c>: reconnects first when the connection was lost.</remarks>
    public IChannel DefaultChannel => SyncOverAsync.Wait(GetDefaultChannelAsync());

    /// <summary>Errors that mean the connection failed.</summary>
    public IReadOnlyList<Type> ConnectionErrors => Transport.ConnectionErrors;

    /// <summary>Errors that mean a channel operation failed.</summary>
    public IReadOnlyList<Type> ChannelErrors => Transport.ChannelErrors;

    /// <summary>Connection errors after which reconnecting is worth trying.</summary>
    public IReadOnlyList<Type> RecoverableConnectionErrors => Transport.RecoverableConnectionErrors;

    /// <summary>Channel errors after which retrying is worth it.</summary>
    public IReadOnlyList<Type> RecoverableChannelErrors => Transport.RecoverableChannelErrors;

    /// <summary>Whether the transport sends heartbeats.</summary>
    public bool SupportsHeartbeats => Transport.Implements.Heartbeats;

    /// <summary>Gets the channel the connection keeps for shortcuts, reconnecting first when the connection was lost.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The default channel.</returns>
    /// <remarks>The asynchronous form of <see cref="DefaultChannel"/>.</remarks>
    public async ValueTask<IChannel> GetDefaultChannelAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        if (_connection is null || !Connected)
            await EnsureConnectionForDefaultChannelAsync(cancellationToken).ConfigureAwait(false);
        if (_defaultChannel is null || !_defaultChannel.IsOpen)
            _defaultChannel = await CreateChannelAsync(cancellationToken).ConfigureAwait(false);
        return _defaultChannel;
    }

    /// <summary>Establishes the connection now (at most two attempts, as Kombu's <c>connect</c>).</summary>
    /// <returns>This connection.</returns>
    public Connection Connect() => SyncOverAsync.Wait(ConnectAsync());

    /// <inheritdoc cref="Connect"/>
    public async ValueTask<Connection> ConnectAsync(CancellationToken cancellationToken = default)
    {
        _closed = false;
        await EnsureConnectionCoreAsync(1, false, cancellationToken).ConfigureAwait(false);
        return this;
    }

    /// <summary>Opens a new channel.</summary>
    /// <returns>The channel; close it after use.</returns>
    /// <remarks>Kombu's <c>Connection.channel()</c>.</remarks>
    public IChannel CreateChannel() => SyncOverAsync.Wait(CreateChannelAsync());

    /// <inheritdoc cref="CreateChannel"/>
    public async ValueTask<IChannel> CreateChannelAsync(CancellationToken cancellationToken = default)
    {
        var connection = await GetUnderlyingConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await Transport.CreateChannelAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for one event (such as a delivery) on any channel and dispatches it to its consumer.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <exception cref="TimeoutException">Nothing arrived within <paramref name="timeout"/>.</exception>
    /// <remarks>
    /// The consumer callbacks of the event have run when this returns. A connection that was lost since the last call
    /// raises the transport's connection error here (as py-amqp does on its next read) instead of being replaced
    /// silently: consumers live on the old connection, so the caller must know to start them again.
    /// </remarks>
    public void DrainEvents(TimeSpan? timeout = null) => SyncOverAsync.Wait(DrainEventsAsync(timeout));

    /// <inheritdoc cref="DrainEvents"/>
    public async ValueTask DrainEventsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        var connection = _connection ?? await EnsureConnectionCoreAsync(1, false, cancellationToken).ConfigureAwait(false);
        await Transport.DrainEventsAsync(connection, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the default channel after the connection was re-established.</summary>
    /// <param name="newChannel">The channel now in use.</param>
    public void Revive(IChannel newChannel)
    {
        if (_defaultChannel is not null && !ReferenceEquals(newChannel, _defaultChannel))
        {
            var old = _defaultChannel;
            _defaultChannel = null;
            SyncOverAsync.Wait(MaybeCloseChannelAsync(old, CancellationToken.None));
        }
    }

    /// <summary>Releases the connection: closes it, or returns it to its pool when it came from one.</summary>
    public void Release() => SyncOverAsync.Wait(ReleaseAsync());

    /// <inheritdoc cref="Release"/>
    public virtual ValueTask ReleaseAsync(CancellationToken cancellationToken = default) => CloseAsync(cancellationToken);

    /// <summary>Closes the default channel and the connection.</summary>
    public void Close() => SyncOverAsync.Wait(CloseAsync());

    /// <inheritdoc cref="Close"/>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_defaultChannel is { } channel)
        {
            _defaultChannel = null;
            await MaybeCloseChannelAsync(channel, cancellationToken).ConfigureAwait(false);
        }
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                await Transport.CloseConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConnectionOrChannelError(ex))
            {
                Logger.LogCloseFailed(ex);
            }
        }
        _closed = true;
    }

    /// <summary>Releases the connection.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the connection.</summary>
    /// <returns>A task that completes when the connection is released.</returns>
    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates an unconnected copy of this connection with the same parameters.</summary>
    /// <returns>The new connection.</returns>
    public Connection Clone() => new(this);

    /// <summary>The open connection, or a new one (two attempts at most) when there is none or it was lost.</summary>
    private async ValueTask<ITransportConnection> GetUnderlyingConnectionAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        return _connection is { } existing && Connected
            ? existing
            : await EnsureConnectionCoreAsync(1, false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <see cref="Close"/> was called and the connection was not connected again since.</summary>
    public bool IsClosed => _closed;

    /// <summary>The connection's parameters with the transport's defaults filled in, under Kombu's key names.</summary>
    /// <returns>An ordered map: hostname, userid, password, virtual_host, port, insist, ssl, transport, …</returns>
    public IReadOnlyDictionary<string, object?> Info()
    {
        var transport = Transport;
        var hostname = ResolvedHostname;
        if (UriPrefix is not null)
            hostname = $"{UriPrefix}+{hostname}";
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["hostname"] = hostname,
            ["userid"] = UserId ?? transport.DefaultUserId,
            ["password"] = Password ?? transport.DefaultPassword,
            ["virtual_host"] = VirtualHost,
            ["port"] = ResolvedPort,
            ["insist"] = Insist,
            ["ssl"] = Ssl,
            ["transport"] = TransportName,
            ["connect_timeout"] = ConnectTimeout.TotalSeconds,
            ["transport_options"] = TransportOptions,
            ["login_method"] = LoginMethod,
            ["uri_prefix"] = UriPrefix,
            ["heartbeat"] = Heartbeat?.TotalSeconds ?? 0,
            ["failover_strategy"] = FailoverStrategy,
            ["alternates"] = Alternates,
        };
    }

    /// <summary>The connection as a URL, with the password masked unless <paramref name="includePassword"/> is set.</summary>
    /// <param name="includePassword">Show the real password.</param>
    /// <param name="mask">What to show instead of the password.</param>
    /// <returns>The URL.</returns>
    public string AsUri(bool includePassword = false, string mask = "**")
    {
        // As Kombu: a transport+url keeps its prefix; a transport that parses its own URL gets it back as given.
        if (UriPrefix is not null || (Kombu.Transport.Transports.TryResolveCanParseUrl(TransportName) && Hostname is not null))
        {
            var url = UriPrefix is null ? Hostname! : $"{UriPrefix}+{(string.IsNullOrEmpty(Hostname) ? "localhost" : Hostname)}";
            return includePassword ? url : Urls.MaybeSanitize(url, mask);
        }
        var info = Info();
        return Urls.AsUrl(TransportName, ResolvedHostname, ResolvedPort, (string?)info["userid"], (string?)info["password"],
            PercentEncoding.Quote(VirtualHost, keepSlash: true), sanitize: !includePassword, mask: mask);
    }

    /// <inheritdoc/>
    public override string ToString() => $"<Connection: {AsUri()} at 0x{GetHashCode():x}>";

    internal bool IsConnectionOrChannelError(Exception ex) =>
        IsAny(ex, ConnectionErrors) || IsAny(ex, ChannelErrors);

    internal static bool IsAny(Exception ex, IReadOnlyList<Type> types)
    {
        foreach (var t in types)
        {
            if (t.IsInstanceOfType(ex))
                return true;
        }
        return false;
    }

    private async ValueTask MaybeCloseChannelAsync(IChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionOrChannelError(ex))
        {
            Logger.LogCloseFailed(ex);
        }
    }

    private void ThrowIfClosed()
    {
        if (_closed)
            throw new KombuConnectionException(ErrorMessages.ConnectionClosed);
    }
}
