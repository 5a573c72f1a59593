namespace Kombu.Pools;

/// <summary>What pool groups and <see cref="PoolGroups"/> need from any resource pool.</summary>
public interface IResourcePool
{
    /// <summary>Most resources handed out at once, or <see langword="null"/> when the pool does not limit them.</summary>
    int? Limit { get; }

    /// <summary>How many resources are acquired and not yet released.</summary>
    int InUseCount { get; }

    /// <summary>Changes the limit: growing wakes waiters; shrinking closes idle resources above the new limit.</summary>
    /// <param name="limit">The new limit; <see langword="null"/> or 0 for no limit.</param>
    /// <param name="force">Shrink even while resources are in use, closing every resource.</param>
    /// <exception cref="InvalidOperationException">Shrinking while resources are in use without <paramref name="force"/>.</exception>
    void Resize(int? limit, bool force = false);

    /// <summary>Closes every resource, idle or in use, and empties the pool.</summary>
    void ForceCloseAll();
}
