namespace Kombu.Pools;

/// <summary>A group of producer pools, one per set of connection parameters.</summary>
/// <remarks>Kombu's <c>kombu.pools.Producers</c>; the global one is <see cref="PoolGroups.Producers"/>.</remarks>
public sealed class Producers : PoolGroup<Connection, ProducerPool>
{
    private readonly Connections? _connections;

    /// <summary>Creates an empty group.</summary>
    /// <param name="limit">Limit of each pool: <see langword="null"/> for none, or <see cref="PoolGroups.UseDefaultLimit"/>.</param>
    /// <param name="connections">Where the producers' connection pools come from; the global group when <see langword="null"/>.</param>
    public Producers(int? limit = null, Connections? connections = null) : base(limit) => _connections = connections;

    /// <summary>Where the producers' connection pools come from.</summary>
    public Connections Connections => _connections ?? PoolGroups.Connections;

    /// <inheritdoc/>
    protected override ProducerPool Create(Connection key, int? limit) => new(Connections[key], limit);

    /// <inheritdoc/>
    protected override object GetEqualityKey(Connection key) => ConnectionKey.For(key);
}
