namespace Kombu.Pools;

/// <summary>A connection handed out by a <see cref="ConnectionPool"/>; releasing or disposing it returns it to the pool.</summary>
/// <remarks>Call <see cref="Connection.Close"/> only to really close it; the pool then hands out a closed connection.</remarks>
internal sealed class PooledConnection : Connection
{
    private readonly ConnectionPool _pool;

    /// <summary>Creates an unconnected connection with the same parameters as <paramref name="source"/>.</summary>
    /// <param name="pool">The pool the connection returns to.</param>
    /// <param name="source">The connection whose parameters to copy (as <see cref="Connection.Clone"/> does).</param>
    public PooledConnection(ConnectionPool pool, Connection source)
        : base(source) =>
        _pool = pool;

    /// <inheritdoc cref="Connection.Release"/>
    public override ValueTask ReleaseAsync(CancellationToken cancellationToken = default) =>
        _pool.ReleaseAsync(this, cancellationToken);
}
