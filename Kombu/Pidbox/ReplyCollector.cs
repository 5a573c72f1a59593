namespace Kombu.Pidbox;

/// <summary>The replies one mailbox call has received so far.</summary>
/// <param name="callback">Called with each reply as it arrives, or <see langword="null"/>.</param>
internal sealed class ReplyCollector(Action<object?>? callback)
{
    private readonly List<object?> _replies = [];

    /// <summary>How many replies arrived.</summary>
    public int Count
    {
        get
        {
            lock (_replies)
                return _replies.Count;
        }
    }

    /// <summary>A copy of the replies, in arrival order.</summary>
    public IReadOnlyList<object?> Replies
    {
        get
        {
            lock (_replies)
                return [.. _replies];
        }
    }

    /// <summary>Records a reply and passes it to the callback.</summary>
    /// <param name="body">The decoded reply.</param>
    public void Add(object? body)
    {
        callback?.Invoke(body);
        lock (_replies)
            _replies.Add(body);
    }
}
