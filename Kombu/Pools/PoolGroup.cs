namespace Kombu.Pools;

/// <summary>A lazily filled map from a resource (such as a connection) to its pool: equal keys share one pool.</summary>
/// <typeparam name="TKey">What pools are looked up by.</typeparam>
/// <typeparam name="TPool">The pool type.</typeparam>
/// <remarks>Kombu's <c>kombu.pools.PoolGroup</c>; the indexer is its <c>__getitem__</c>/<c>__missing__</c>.</remarks>
public abstract class PoolGroup<TKey, TPool> : IPoolGroup where TKey : notnull where TPool : IResourcePool
{
    private readonly Lock _gate = new();
    private readonly Dictionary<object, TPool> _pools = [];

    /// <summary>Creates an empty group.</summary>
    /// <param name="limit">Limit of each new pool: <see langword="null"/> for none, or <see cref="PoolGroups.UseDefaultLimit"/>.</param>
    protected PoolGroup(int? limit = null) => Limit = limit;

    /// <inheritdoc/>
    public int? Limit { get; }

    /// <summary>How many pools the group holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _pools.Count;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<IResourcePool> Pools
    {
        get
        {
            lock (_gate)
                return [.. _pools.Values.Cast<IResourcePool>()];
        }
    }

    /// <summary>Gets the pool for <paramref name="key"/>, creating it on first use.</summary>
    /// <param name="key">The resource to look up; equal ones (see <see cref="GetEqualityKey"/>) share a pool.</param>
    /// <returns>The pool.</returns>
    public TPool this[TKey key]
    {
        get
        {
            var equalityKey = GetEqualityKey(key);
            lock (_gate)
            {
                if (!_pools.TryGetValue(equalityKey, out var pool))
                {
                    var limit = Limit == PoolGroups.UseDefaultLimit ? PoolGroups.GetLimit() : Limit;
                    pool = Create(key, limit);
                    _pools.Add(equalityKey, pool);
                }
                return pool;
            }
        }
    }

    /// <inheritdoc/>
    public void Clear()
    {
        lock (_gate)
            _pools.Clear();
    }

    /// <summary>Creates the pool for a key seen for the first time.</summary>
    /// <param name="key">The resource.</param>
    /// <param name="limit">The pool's limit, with <see cref="PoolGroups.UseDefaultLimit"/> already resolved.</param>
    /// <returns>The new pool.</returns>
    protected abstract TPool Create(TKey key, int? limit);

    /// <summary>The value pools are keyed by; the key itself unless overridden.</summary>
    /// <param name="key">The resource.</param>
    /// <returns>A value with value equality.</returns>
    protected virtual object GetEqualityKey(TKey key) => key;
}
