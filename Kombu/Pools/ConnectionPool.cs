using Kombu.Exceptions;

namespace Kombu.Pools;

/// <summary>A pool of connections with the parameters of one source connection.</summary>
/// <remarks>
/// Kombu's <c>kombu.connection.ConnectionPool</c>; create it with <see cref="Connection.CreatePool"/>. Acquired
/// connections go back to the pool on <see cref="Connection.Release"/> or <c>Dispose</c>. Preloaded connections are
/// connected at once; the others connect on first use.
/// </remarks>
public sealed class ConnectionPool : Resource<Connection>
{
    /// <summary>Creates the pool.</summary>
    /// <param name="connection">The connection whose parameters every pooled connection copies.</param>
    /// <param name="limit">Most connections out at once; <see langword="null"/> or 0 for no pooling.</param>
    /// <param name="preload">How many connections to open now.</param>
    public ConnectionPool(Connection connection, int? limit = null, int? preload = null) : base(limit, preload)
    {
        Connection = connection;
        Setup();
    }

    /// <summary>The connection whose parameters the pooled connections copy.</summary>
    public Connection Connection { get; }

    /// <inheritdoc/>
    protected override ValueTask<Connection> CreateNewAsync(CancellationToken cancellationToken) =>
        new(new PooledConnection(this, Connection));

    /// <inheritdoc/>
    protected override async ValueTask<Connection> CreatePreloadedAsync(CancellationToken cancellationToken) =>
        await new PooledConnection(this, Connection).ConnectAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override async ValueTask<Connection> PrepareAsync(Connection resource, CancellationToken cancellationToken) =>
        resource.IsClosed ? await resource.ConnectAsync(cancellationToken).ConfigureAwait(false) : resource;

    /// <inheritdoc/>
    protected override ValueTask CloseResourceAsync(Connection resource, CancellationToken cancellationToken) =>
        resource.CloseAsync(cancellationToken);

    /// <inheritdoc/>
    protected override LimitExceededException CreateLimitExceeded(string message) =>
        new ConnectionLimitExceededException(message);
}
