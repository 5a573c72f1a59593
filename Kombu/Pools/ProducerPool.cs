namespace Kombu.Pools;

/// <summary>A pool of producers, each publishing through a connection acquired from a <see cref="ConnectionPool"/>.</summary>
/// <remarks>
/// Kombu's <c>kombu.pools.ProducerPool</c>. An acquired <see cref="Producer"/> is bound to a pooled connection's
/// default channel; releasing it (<c>Release</c> or <c>Dispose</c>) returns the connection, then the producer.
/// </remarks>
public sealed class ProducerPool : Resource<Producer>
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
    protected override Producer CreateNew()
    {
        var connection = Connections.Acquire(block: true);
        try
        {
            return new Producer(connection, autoDeclare: false) { ReleaseHook = Release };
        }
        catch
        {
            connection.Release();
            throw;
        }
    }

    /// <inheritdoc/>
    protected override Producer Prepare(Producer resource)
    {
        if (resource.Detached)
            Attach(resource, Connections.Acquire(block: true));
        return resource;
    }

    /// <inheritdoc/>
    protected override async ValueTask<Producer> PrepareAsync(Producer resource, CancellationToken cancellationToken)
    {
        if (resource.Detached)
            Attach(resource, await Connections.AcquireAsync(block: true, cancellationToken: cancellationToken).ConfigureAwait(false));
        return resource;
    }

    /// <inheritdoc/>
    protected override void OnReleasing(Producer resource) => resource.Detach()?.Release();

    /// <inheritdoc/>
    protected override void CloseResource(Producer resource) => resource.Detach()?.Release();

    private static void Attach(Producer resource, Connection connection)
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
