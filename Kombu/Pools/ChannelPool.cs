using Kombu.Exceptions;
using Kombu.Transport;

namespace Kombu.Pools;

/// <summary>A pool of channels on one connection.</summary>
/// <remarks>
/// Kombu's <c>kombu.connection.ChannelPool</c>; create it with <see cref="Connection.CreateChannelPool"/>. Acquired
/// channels are <see cref="PooledChannel"/>s that go back to the pool when released or disposed; a channel found
/// closed when taken from the pool is replaced by a new one.
/// </remarks>
public sealed class ChannelPool : Resource<IChannel>
{
    /// <summary>Creates the pool.</summary>
    /// <param name="connection">The connection the channels are opened on.</param>
    /// <param name="limit">Most channels out at once; <see langword="null"/> or 0 for no pooling.</param>
    /// <param name="preload">How many channels to open now.</param>
    public ChannelPool(Connection connection, int? limit = null, int? preload = null) : base(limit, preload)
    {
        Connection = connection;
        Setup();
    }

    /// <summary>The connection the channels are opened on.</summary>
    public Connection Connection { get; }

    /// <inheritdoc/>
    protected override async ValueTask<IChannel> CreateNewAsync(CancellationToken cancellationToken) =>
        new PooledChannel(this, await Connection.CreateChannelAsync(cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    protected override ValueTask<IChannel> PrepareAsync(IChannel resource, CancellationToken cancellationToken) =>
        resource.IsOpen ? ValueTask.FromResult(resource) : CreateNewAsync(cancellationToken);

    /// <inheritdoc/>
    protected override ValueTask CloseResourceAsync(IChannel resource, CancellationToken cancellationToken) =>
        resource.CloseAsync(cancellationToken);

    /// <inheritdoc/>
    protected override LimitExceededException CreateLimitExceeded(string message) =>
        new ChannelLimitExceededException(message);
}
