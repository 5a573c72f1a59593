using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Pools;

/// <summary>A channel handed out by a <see cref="ChannelPool"/>; releasing or disposing it returns it to the pool.</summary>
/// <remarks>
/// Every channel operation goes to the underlying channel; <see cref="IChannel.CloseAsync"/> really closes it. Kombu sets
/// <c>channel.release</c> on pooled channels instead of wrapping them.
/// </remarks>
public sealed partial class PooledChannel : IChannel
{
    private readonly ChannelPool _pool;
    private readonly IChannel _inner;

    internal PooledChannel(ChannelPool pool, IChannel inner)
    {
        _pool = pool;
        _inner = inner;
    }

    /// <summary>The transport channel this pooled channel forwards to.</summary>
    public IChannel Inner => _inner;

    /// <inheritdoc/>
    public BrokerTransport Transport => _inner.Transport;

    /// <inheritdoc/>
    public bool IsOpen => _inner.IsOpen;

    /// <inheritdoc/>
    public IReadOnlySet<string> NoAckConsumers => _inner.NoAckConsumers;

    /// <summary>Returns the channel to its pool.</summary>
    public void Release() => SyncOverAsync.Wait(ReleaseAsync());

    /// <inheritdoc cref="Release"/>
    public ValueTask ReleaseAsync(CancellationToken cancellationToken = default) => _pool.ReleaseAsync(this, cancellationToken);

    /// <summary>Returns the channel to its pool (see <see cref="Release"/>).</summary>
    public void Dispose() => Release();

    /// <summary>Returns the channel to its pool (see <see cref="Release"/>).</summary>
    /// <returns>A task that completes when the channel is back in the pool.</returns>
    public ValueTask DisposeAsync() => ReleaseAsync();

    /// <inheritdoc/>
    public override string ToString() => $"<PooledChannel: {_inner}>";
}
