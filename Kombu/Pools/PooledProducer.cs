namespace Kombu.Pools;

/// <summary>A producer lent by a <see cref="ProducerPool"/> with the pooled connection it publishes through.</summary>
/// <remarks>
/// Kombu's pool hands out the <c>Producer</c> itself; <see cref="Kombu.Producer"/> is sealed here, so the pool lends
/// this holder instead. Releasing or disposing it returns the connection to its pool and the holder to the producer pool.
/// </remarks>
public sealed class PooledProducer : IDisposable, IAsyncDisposable
{
    private readonly ProducerPool _pool;
    private Producer? _producer;
    private Connection? _connection;

    internal PooledProducer(ProducerPool pool) => _pool = pool;

    /// <summary>The producer, bound to <see cref="Connection"/>'s default channel.</summary>
    /// <exception cref="InvalidOperationException">The holder was released.</exception>
    public Producer Producer => _producer ?? throw new InvalidOperationException(Exceptions.ErrorMessages.ProducerReleased);

    /// <summary>The pooled connection the producer publishes through.</summary>
    /// <exception cref="InvalidOperationException">The holder was released.</exception>
    public Connection Connection => _connection ?? throw new InvalidOperationException(Exceptions.ErrorMessages.ProducerReleased);

    internal bool IsAttached => _producer is not null;

    /// <summary>Returns the connection and the producer to their pools.</summary>
    public void Release() => _pool.Release(this);

    /// <inheritdoc cref="Release"/>
    public ValueTask ReleaseAsync(CancellationToken cancellationToken = default) => _pool.ReleaseAsync(this, cancellationToken);

    /// <summary>Returns the connection and the producer to their pools (see <see cref="Release"/>).</summary>
    public void Dispose() => Release();

    /// <summary>Returns the connection and the producer to their pools (see <see cref="Release"/>).</summary>
    /// <returns>A task that completes when both are back.</returns>
    public ValueTask DisposeAsync() => ReleaseAsync();

    /// <inheritdoc/>
    public override string ToString() => $"<PooledProducer: {_producer?.ToString() ?? "released"}>";

    internal void Attach(Connection connection)
    {
        _producer = new Producer(connection);
        _connection = connection;
    }

    internal Connection? Detach()
    {
        var connection = _connection;
        _producer = null;
        _connection = null;
        return connection;
    }
}
