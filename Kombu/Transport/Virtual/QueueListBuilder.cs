namespace Kombu.Transport.Virtual;

/// <summary>Collects distinct queue names in first-seen order, allocating nothing until the first one.</summary>
internal struct QueueListBuilder
{
    private const int SetThreshold = 8;
    private List<string>? _list;
    private HashSet<string>? _seen;

    public void Add(string queue)
    {
        if (_list is null)
        {
            _list = [queue];
            return;
        }
        if (_seen is not null)
        {
            if (_seen.Add(queue))
                _list.Add(queue);
            return;
        }
        if (_list.Contains(queue))
            return;
        _list.Add(queue);
        if (_list.Count >= SetThreshold)
            _seen = new HashSet<string>(_list, StringComparer.Ordinal);
    }

    public readonly IReadOnlyList<string> ToList() => _list ?? (IReadOnlyList<string>)[];
}
