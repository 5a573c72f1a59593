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
    protected override async ValueTask<Producer> CreateNewAsync(CancellationToken cancellationToken) =>
        await AttachAsync(new Producer { ReleaseHook = ReleaseAsync }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override ValueTask<Producer> PrepareAsync(Producer resource, CancellationToken cancellationToken) =>
        resource.Detached ? AttachAsync(resource, cancellationToken) : new(resource);

    /// <inheritdoc/>
    protected override ValueTask OnReleasingAsync(Producer resource, CancellationToken cancellationToken) =>
        resource.Detach()?.ReleaseAsync(cancellationToken) ?? ValueTask.CompletedTask;

    /// <inheritdoc/>
    protected override ValueTask CloseResourceAsync(Producer resource, CancellationToken cancellationToken) =>
        OnReleasingAsync(resource, cancellationToken);

    // Binds a producer to a connection acquired from the connection pool, giving the connection back on failure.
    private async ValueTask<Producer> AttachAsync(Producer producer, CancellationToken cancellationToken)
    {
        var connection = await Connections.AcquireAsync(block: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await producer.AttachAsync(connection, cancellationToken).ConfigureAwait(false);
            return producer;
        }
        catch
        {
            await connection.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
