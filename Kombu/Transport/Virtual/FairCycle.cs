namespace Kombu.Transport.Virtual;

/// <summary>Takes from a set of resources in turn, so that each gets an equal chance to be consumed from.</summary>
/// <remarks>
/// Kombu's <c>FairCycle</c>. Each <see cref="GetAsync"/> tries the resource at the current position and moves on;
/// an empty resource passes the turn to the next one, and after every resource was tried once the call reports
/// empty. The position persists across calls, so successive polls start where the last one stopped.
/// </remarks>
/// <typeparam name="TResource">The resource type (a channel, a queue name…).</typeparam>
internal sealed class FairCycle<TResource>
{
    private readonly Func<TResource, CancellationToken, ValueTask<bool>> _fetch;
    private volatile IReadOnlyList<TResource> _resources;
    private int _position;

    /// <summary>Creates a cycle over <paramref name="resources"/>.</summary>
    /// <param name="fetch">Takes from one resource; returns <see langword="false"/> when it was empty.</param>
    /// <param name="resources">The resources, in order; replace the list through <see cref="Resources"/> to change them.</param>
    public FairCycle(Func<TResource, CancellationToken, ValueTask<bool>> fetch, IReadOnlyList<TResource> resources)
    {
        _fetch = fetch;
        _resources = resources;
    }

    /// <summary>The resources cycled over; assign a new list to change them (the list itself should not change).</summary>
    public IReadOnlyList<TResource> Resources
    {
        get => _resources;
        set => _resources = value;
    }

    /// <summary>Index of the resource the next call tries first.</summary>
    public int Position => _position;

    /// <summary>Tries each resource once, starting at the current position, until one yields.</summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns><see langword="true"/> when a resource yielded; <see langword="false"/> when all were empty.</returns>
    public async ValueTask<bool> GetAsync(CancellationToken cancellationToken = default)
    {
        var resources = _resources;
        for (var tried = 0; tried < resources.Count; tried++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_position >= resources.Count)
                _position = 0;
            var resource = resources[_position];
            _position++;
            if (await _fetch(resource, cancellationToken).ConfigureAwait(false))
                return true;
        }
        return false;
    }
}
