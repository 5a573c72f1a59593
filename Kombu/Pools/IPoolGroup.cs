namespace Kombu.Pools;

/// <summary>What <see cref="PoolGroups"/> needs from any pool group to resize and reset it.</summary>
public interface IPoolGroup
{
    /// <summary>The limit given to new pools, <see langword="null"/> for none, or <see cref="PoolGroups.UseDefaultLimit"/>.</summary>
    int? Limit { get; }

    /// <summary>A snapshot of the group's pools.</summary>
    IReadOnlyList<IResourcePool> Pools { get; }

    /// <summary>Forgets every pool (without closing them).</summary>
    void Clear();
}
