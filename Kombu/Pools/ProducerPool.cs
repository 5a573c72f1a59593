namespace Kombu.Pools;

/// <summary>A pool of producers, each publishing through a connection acquired from a <see cref="ConnectionPool"/>.</summary>
/// <remarks>
/// Kombu's <c>kombu.pools.ProducerPool</c>. Acquiring takes a connection from <see cref="Connections"/> (waiting for
/// one if needed); releasing returns the connection first, then the producer holder.
/// </remarks>
public sealed class ProducerPool : Resource<PooledProducer>
{
    /// <summary>Creates the pool.</summary>
    /// <param name="connections">Where the producers' connections come from.</param>
    /// <param name="limit">Most producers out at once; <see langword="null"/> or 0 for no pooling.</param>
    public ProducerPool(ConnectionPool connections, int? limit = null) : base(limit, preload: null)
    {
        Connections = connections;
        Setup();
    }

    /// <summary>Where the producers' connections come from.</summary>
    public ConnectionPool Connections { get; }

    /// <inheritdoc/>
    protected override PooledProducer CreateNew() => new(this);

    /// <inheritdoc/>
    protected override PooledProducer Prepare(PooledProducer resource)
    {
        if (!resource.IsAttached)
            Attach(resource, Connections.Acquire(block: true));
        return resource;
    }

    /// <inheritdoc/>
    protected override async ValueTask<PooledProducer> PrepareAsync(PooledProducer resource, CancellationToken cancellationToken)
    {
        if (!resource.IsAttached)
            Attach(resource, await Connections.AcquireAsync(block: true, cancellationToken: cancellationToken).ConfigureAwait(false));
        return resource;
    }

    /// <inheritdoc/>
    protected override void OnReleasing(PooledProducer resource) => resource.Detach()?.Release();

    /// <inheritdoc/>
    protected override void CloseResource(PooledProducer resource) => resource.Detach()?.Release();

    private static void Attach(PooledProducer resource, Connection connection)
    {
        try
        {
            resource.Attach(connection);
        }
        catch
        {
            connection.Release();
            throw;
        }
    }
}
