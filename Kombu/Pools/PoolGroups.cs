using Kombu.Exceptions;

namespace Kombu.Pools;

/// <summary>The process-wide connection and producer pool groups and their shared limit.</summary>
/// <remarks>
/// Kombu's <c>kombu.pools</c> module functions. The default limit is 10, as in Kombu 5 (Kombu 2.2 used 200).
/// </remarks>
public static class PoolGroups
{
    /// <summary>A group limit meaning "use the global limit (<see cref="GetLimit"/>) when a pool is created".</summary>
    /// <remarks>Kombu's <c>use_global_limit</c> sentinel.</remarks>
    public const int UseDefaultLimit = -1;

    /// <summary>The global limit until <see cref="SetLimit"/> changes it.</summary>
    public const int DefaultLimit = 10;

    private static readonly Lock Gate = new();
    private static readonly List<IPoolGroup> Groups = [];
    private static int _limit = DefaultLimit;

    /// <summary>The global connection pool group: <c>PoolGroups.Connections[connection].Acquire()</c>.</summary>
    public static Connections Connections { get; } = RegisterGroup(new Connections(UseDefaultLimit));

    /// <summary>The global producer pool group: <c>PoolGroups.Producers[connection].Acquire()</c>.</summary>
    public static Producers Producers { get; } = RegisterGroup(new Producers(UseDefaultLimit));

    /// <summary>Registers a group so that <see cref="SetLimit"/> and <see cref="Reset"/> reach its pools.</summary>
    /// <typeparam name="TGroup">The group type.</typeparam>
    /// <param name="group">The group.</param>
    /// <returns>The same group.</returns>
    public static TGroup RegisterGroup<TGroup>(TGroup group) where TGroup : IPoolGroup
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (Gate)
            Groups.Add(group);
        return group;
    }

    /// <summary>The global pool limit.</summary>
    /// <returns>The limit; 0 means no limit.</returns>
    public static int GetLimit()
    {
        lock (Gate)
            return _limit;
    }

    /// <summary>Sets the global limit and resizes every registered pool to it.</summary>
    /// <param name="limit">The new limit; 0 for no limit.</param>
    /// <param name="force">Shrink even while pools have resources in use (those pools are force-closed).</param>
    /// <param name="resetAfter">Reset every pool group afterwards (see <see cref="Reset"/>).</param>
    /// <returns>The new limit.</returns>
    /// <exception cref="InvalidOperationException">Lowering the limit while a pool is in use, without <paramref name="force"/>.</exception>
    /// <remarks>Growing is always allowed; set the limit early, before pools are in use.</remarks>
    public static int SetLimit(int limit, bool force = false, bool resetAfter = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        lock (Gate)
        {
            var current = _limit;
            if (limit == current)
                return limit;
            var pools = AllPools();
            var shrinking = limit != 0 && (current == 0 || limit < current);
            if (shrinking && !force && pools.Any(p => p.InUseCount > 0))
                throw new InvalidOperationException(ErrorMessages.CannotShrinkInUse(current == 0 ? null : current, limit));
            _limit = limit;
            foreach (var pool in pools)
                pool.Resize(limit, force: true);
        }
        if (resetAfter)
            Reset();
        return limit;
    }

    /// <summary>Force-closes every pool of every registered group and empties the groups.</summary>
    /// <remarks>Connections in use are closed under their users' feet; use with care.</remarks>
    public static void Reset()
    {
        IPoolGroup[] groups;
        lock (Gate)
            groups = [.. Groups];
        foreach (var group in groups)
        {
            foreach (var pool in group.Pools)
                pool.ForceCloseAll();
            group.Clear();
        }
    }

    private static List<IResourcePool> AllPools()
    {
        var pools = new List<IResourcePool>();
        foreach (var group in Groups)
            pools.AddRange(group.Pools);
        return pools;
    }
}
