namespace Kombu.Transport.Sqs;

/// <summary>One entry of the <c>predefined_queues</c> transport option: an existing queue and how to reach it.</summary>
/// <remarks>
/// Kombu 5's per-queue settings: <c>url</c>, <c>access_key_id</c>, <c>secret_access_key</c>, <c>session_token</c>,
/// <c>region</c>, <c>backoff_policy</c>, <c>backoff_tasks</c>.
/// </remarks>
public sealed class SqsPredefinedQueue
{
    /// <summary>The queue URL (<c>url</c>).</summary>
    public required string Url { get; init; }

    /// <summary>Access key id for this queue (<c>access_key_id</c>), or <see langword="null"/> for the connection's.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Secret access key for this queue (<c>secret_access_key</c>), or <see langword="null"/> for the connection's.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Session token of temporary credentials for this queue (<c>session_token</c>), or <see langword="null"/>.</summary>
    public string? SessionToken { get; init; }

    /// <summary>The queue's region (<c>region</c>), or <see langword="null"/> for the connection's.</summary>
    public string? Region { get; init; }

    /// <summary>Visibility timeout in seconds by receive count, applied when a task message is rejected (<c>backoff_policy</c>).</summary>
    public IReadOnlyDictionary<int, int> BackoffPolicy { get; init; } = new Dictionary<int, int>();

    /// <summary>The task names (the <c>task</c> header) <see cref="BackoffPolicy"/> applies to (<c>backoff_tasks</c>).</summary>
    public IReadOnlySet<string> BackoffTasks { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether this queue needs a client of its own: credentials, a session token or a region of its own.</summary>
    public bool HasOwnClient => AccessKeyId is not null || SecretAccessKey is not null || SessionToken is not null || Region is not null;

    /// <summary>The visibility timeout the backoff policy gives a rejected message, if any.</summary>
    /// <param name="task">The message's <c>task</c> header.</param>
    /// <param name="receiveCount">Its SQS <c>ApproximateReceiveCount</c>.</param>
    /// <returns>The timeout in seconds, or <see langword="null"/> when the policy does not cover this task and count.</returns>
    public int? BackoffFor(string? task, int receiveCount) =>
        task is not null && BackoffTasks.Contains(task) && BackoffPolicy.TryGetValue(receiveCount, out var seconds) ? seconds : null;
}
