using Kombu.Exceptions;

namespace Kombu.Transport;

/// <summary>Base class of every transport: connects to a broker, opens channels and drains events.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.base.Transport</c>. A <see cref="Kombu.Connection"/> creates one transport
/// instance and keeps it for its lifetime. Subclasses need a public constructor taking the <see cref="Connection"/>.
/// </remarks>
public abstract class Transport
{
    /// <summary>Creates the transport for <paramref name="client"/>.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    protected Transport(Connection client) => Client = client;

    /// <summary>The connection that owns this transport.</summary>
    public Connection Client { get; }

    /// <summary>Port used when the URL gives none, or <see langword="null"/> when the transport has no port.</summary>
    public virtual int? DefaultPort => null;

    /// <summary>Errors that mean the connection failed; <c>Ensure</c> reconnects on these.</summary>
    public virtual IReadOnlyList<Type> ConnectionErrors { get; } = [typeof(KombuConnectionException)];

    /// <summary>Errors that mean a channel operation failed while the connection is fine.</summary>
    public virtual IReadOnlyList<Type> ChannelErrors { get; } = [typeof(KombuChannelException)];

    /// <summary>Connection errors after which reconnecting is worth trying.</summary>
    public virtual IReadOnlyList<Type> RecoverableConnectionErrors => ConnectionErrors;

    /// <summary>Channel errors after which retrying is worth it.</summary>
    public virtual IReadOnlyList<Type> RecoverableChannelErrors { get; } = [];

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
    /// <returns>The transport-specific connection object.</returns>
    public abstract object EstablishConnection();

    /// <inheritdoc cref="EstablishConnection"/>
    public abstract ValueTask<object> EstablishConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes a connection made by <see cref="EstablishConnection"/>.</summary>
    /// <param name="connection">The transport-specific connection object.</param>
    public abstract void CloseConnection(object connection);

    /// <inheritdoc cref="CloseConnection"/>
    public abstract ValueTask CloseConnectionAsync(object connection, CancellationToken cancellationToken = default);

    /// <summary>Opens a channel on a connection.</summary>
    /// <param name="connection">The transport-specific connection object.</param>
    /// <returns>The new channel.</returns>
    public abstract IChannel CreateChannel(object connection);

    /// <inheritdoc cref="CreateChannel"/>
    public abstract ValueTask<IChannel> CreateChannelAsync(object connection, CancellationToken cancellationToken = default);

    /// <summary>Closes a channel.</summary>
    /// <param name="channel">The channel to close.</param>
    public virtual void CloseChannel(IChannel channel) => channel.Close();

    /// <summary>Waits for the next event on any channel of the connection and dispatches it on the calling thread.</summary>
    /// <param name="connection">The transport-specific connection object.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <exception cref="TimeoutException">No event arrived within <paramref name="timeout"/>.</exception>
    public abstract void DrainEvents(object connection, TimeSpan? timeout = null);

    /// <inheritdoc cref="DrainEvents"/>
    public abstract ValueTask DrainEventsAsync(object connection, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default);

    /// <summary>Whether a connection object is still usable.</summary>
    /// <param name="connection">The transport-specific connection object.</param>
    /// <returns><see langword="true"/> when it can still be used.</returns>
    public virtual bool VerifyConnection(object connection) => true;
}
