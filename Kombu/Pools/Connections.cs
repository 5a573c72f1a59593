namespace Kombu.Pools;

/// <summary>A group of connection pools, one per set of connection parameters.</summary>
/// <remarks>Kombu's <c>kombu.pools.Connections</c>; the global one is <see cref="PoolGroups.Connections"/>.</remarks>
public sealed class Connections : PoolGroup<Connection, ConnectionPool>
{
    /// <summary>Creates an empty group.</summary>
    /// <param name="limit">Limit of each pool: <see langword="null"/> for none, or <see cref="PoolGroups.UseDefaultLimit"/>.</param>
    public Connections(int? limit = null) : base(limit)
    {
    }

    /// <inheritdoc/>
    protected override ConnectionPool Create(Connection key, int? limit) => key.CreatePool(limit);

    /// <inheritdoc/>
    protected override object GetEqualityKey(Connection key) => ConnectionKey.For(key);
}
