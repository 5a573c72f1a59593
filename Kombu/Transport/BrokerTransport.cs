using Kombu.Exceptions;

namespace Kombu.Transport;

/// <summary>Base class of every transport: connects to a broker, opens channels and drains events.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.base.Transport</c>, renamed so no type shares its namespace's name. A
/// <see cref="Kombu.Connection"/> creates one transport instance and keeps it for its lifetime. Subclasses need a public constructor taking the <see cref="Connection"/>.
/// </remarks>
public abstract class BrokerTransport
{
    /// <summary>Creates the transport for <paramref name="client"/>.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    protected BrokerTransport(Connection client) => Client = client;

    private IReadOnlyList<Type>? _recoverableConnectionErrors;

    /// <summary>The connection that owns this transport.</summary>
    public Connection Client { get; }

    /// <summary>Port used when the URL gives none, or <see langword="null"/> when the transport has no port.</summary>
    public virtual int? DefaultPort => null;

    /// <summary>Errors that mean the connection failed; <c>Ensure</c> reconnects on these.</summary>
    public virtual IReadOnlyList<Type> ConnectionErrors { get; } = [typeof(KombuConnectionException)];

    /// <summary>Errors that mean a channel operation failed while the connection is fine.</summary>
    public virtual IReadOnlyList<Type> ChannelErrors { get; } = [typeof(KombuChannelException)];

    /// <summary>Connection errors after which reconnecting is worth trying.</summary>
    /// <remarks>
    /// Kombu's <c>recoverable_connection_errors</c>. A transport that does not classify its errors (every virtual
    /// transport in Kombu) gets Kombu's fallback: all its connection and channel errors.
    /// </remarks>
    public virtual IReadOnlyList<Type> RecoverableConnectionErrors => _recoverableConnectionErrors ??= [.. ConnectionErrors, .. ChannelErrors];

    /// <summary>Channel errors after which retrying on the same connection is worth it; none unless the transport classifies its errors.</summary>
    /// <remarks>Kombu's <c>recoverable_channel_errors</c>.</remarks>
    public virtual IReadOnlyList<Type> RecoverableChannelErrors => [];

    /// <summary>Whether the transport tells recoverable from irrecoverable errors itself.</summary>
    /// <remarks>
    /// Kombu's test for a transport with <c>recoverable_connection_errors</c>: when false, <c>Ensure</c> raises a connection
    /// error that happens again right after a successful reconnect instead of reconnecting forever.
    /// </remarks>
    protected internal virtual bool ClassifiesRecoverableErrors => false;

    /// <summary>Kind of driver, such as <c>amqp</c> or <c>redis</c>.</summary>
    public abstract string DriverType { get; }

    /// <summary>Name of the client library the transport uses.</summary>
    public abstract string DriverName { get; }

    /// <summary>Version of the client library, where known.</summary>
    public virtual string DriverVersion => "N/A";

    /// <summary>What the transport supports.</summary>
    public abstract TransportCapabilities Implements { get; }

    /// <summary>Host name used when the URL gives none.</summary>
    public virtual string? DefaultHostname => "localhost";

    /// <summary>User name used when the URL gives none.</summary>
    public virtual string? DefaultUserId => null;

    /// <summary>Password used when the URL gives none.</summary>
    public virtual string? DefaultPassword => null;

    /// <summary>Opens the connection to the broker.</summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The connection: a broker connection, or the transport itself for virtual transports.</returns>
    /// <remarks>Kombu's <c>establish_connection</c>. The attempt must end within <see cref="Connection.ConnectTimeout"/>,
    /// also when the peer accepts the TCP connection but never answers.</remarks>
    public abstract ValueTask<ITransportConnection> EstablishConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes a connection made by <see cref="EstablishConnectionAsync"/>.</summary>
    /// <param name="connection">The connection made by <see cref="EstablishConnectionAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the connection is closed.</returns>
    public abstract ValueTask CloseConnectionAsync(ITransportConnection connection, CancellationToken cancellationToken = default);

    /// <summary>Drops a connection that failed, without the closing handshake where the protocol has one.</summary>
    /// <param name="connection">The connection made by <see cref="EstablishConnectionAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the connection's resources are released.</returns>
    /// <remarks>Kombu's <c>Transport._collect</c>; the default closes the connection.</remarks>
    public virtual ValueTask CollectAsync(ITransportConnection connection, CancellationToken cancellationToken = default) =>
        CloseConnectionAsync(connection, cancellationToken);

    /// <summary>Opens a channel on a connection.</summary>
    /// <param name="connection">The connection made by <see cref="EstablishConnectionAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new channel.</returns>
    public abstract ValueTask<IChannel> CreateChannelAsync(ITransportConnection connection, CancellationToken cancellationToken = default);

    /// <summary>Waits for the next event on any channel of the connection and dispatches it to its consumer.</summary>
    /// <param name="connection">The connection made by <see cref="EstablishConnectionAsync"/>.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes after the consumer callback of one event has run.</returns>
    /// <exception cref="TimeoutException">No event arrived within <paramref name="timeout"/>.</exception>
    public abstract ValueTask DrainEventsAsync(ITransportConnection connection, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default);

    /// <summary>Whether a connection object is still usable.</summary>
    /// <param name="connection">The connection made by <see cref="EstablishConnectionAsync"/>.</param>
    /// <returns><see langword="true"/> when it can still be used.</returns>
    public virtual bool VerifyConnection(ITransportConnection connection) => true;
}
