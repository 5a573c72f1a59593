namespace Kombu;

/// <summary>Chooses the next failover URL in round-robin or shuffled order.</summary>
internal sealed class FailoverCycle
{
    private readonly IReadOnlyList<string> _urls;
    private readonly bool _shuffle;
    private int _position;

    public FailoverCycle(IReadOnlyList<string> urls, string strategy)
    {
        _urls = urls;
        _shuffle = strategy == "shuffle";
    }

    /// <summary>Whether a failed attempt number <paramref name="retries"/> completes a pass over every URL.</summary>
    public bool CompletesCycle(int retries) => _urls.Count == 0 || (retries + 1) % _urls.Count == 0;

    /// <summary>The next URL to try, or <see langword="null"/> when there are no alternates.</summary>
    public string? Next()
    {
        if (_urls.Count < 2)
            return null;
        if (_shuffle)
            return _urls[Random.Shared.Next(_urls.Count)];
        _position = (_position + 1) % _urls.Count;
        return _urls[_position];
    }
}
