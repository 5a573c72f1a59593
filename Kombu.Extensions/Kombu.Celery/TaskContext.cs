namespace Kombu.Celery;

/// <summary>The request a worker is running: task id, arguments, retries, workflow ids, limits and reply address.</summary>
/// <remarks>Celery's <c>Task.request</c> (<c>celery.app.task.Context</c>). A handler receives it by taking a parameter of this type.</remarks>
public sealed class TaskContext
{
    /// <summary>The task id.</summary>
    public required string Id { get; init; }

    /// <summary>The task name.</summary>
    public required string Task { get; init; }

    /// <summary>Positional arguments.</summary>
    public IReadOnlyList<object?> Args { get; init; } = [];

    /// <summary>Keyword arguments.</summary>
    public IReadOnlyDictionary<string, object?> Kwargs { get; init; } = new Dictionary<string, object?>();

    /// <summary>How many times the task was retried.</summary>
    public int Retries { get; init; }

    /// <summary>When the task may run (<c>eta</c>), if scheduled.</summary>
    public DateTimeOffset? Eta { get; init; }

    /// <summary>When the task expires (<c>expires</c>), if set.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The id of the task that sent this one.</summary>
    public string? ParentId { get; init; }

    /// <summary>The id of the workflow's first task.</summary>
    public string? RootId { get; init; }

    /// <summary>The group id.</summary>
    public string? GroupId { get; init; }

    /// <summary>The position in the group.</summary>
    public int? GroupIndex { get; init; }

    /// <summary>Where rpc:// results go (<c>reply_to</c> property).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The <c>correlation_id</c> property (the task id).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The sender's node name (<c>origin</c>).</summary>
    public string? Origin { get; init; }

    /// <summary>The name shown in logs instead of <see cref="Task"/> (<c>shadow</c>).</summary>
    public string? Shadow { get; init; }

    /// <summary>Whether the sender asked not to store the result.</summary>
    public bool IgnoreResult { get; init; }

    /// <summary>The hard time limit the message asks for.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The soft time limit the message asks for.</summary>
    public TimeSpan? SoftTimeLimit { get; init; }

    /// <summary>Signatures applied to the result on success (<c>link</c>).</summary>
    public IReadOnlyList<Signature>? Callbacks { get; init; }

    /// <summary>Signatures applied on failure (<c>link_error</c>).</summary>
    public IReadOnlyList<Signature>? Errbacks { get; init; }

    /// <summary>The rest of the chain, next step last.</summary>
    public IReadOnlyList<Signature>? Chain { get; init; }

    /// <summary>The chord body this task counts towards.</summary>
    public Signature? Chord { get; init; }

    /// <summary>The repr of the arguments, as the sender wrote it.</summary>
    public string ArgsRepr { get; init; } = "()";

    /// <summary>The repr of the keyword arguments, as the sender wrote it.</summary>
    public string KwargsRepr { get; init; } = "{}";

    /// <summary>The message protocol: 2, or 1 for protocol-1 bodies.</summary>
    public int Protocol { get; init; } = 2;

    /// <summary>Where the message came from: <c>exchange</c>, <c>routing_key</c>, <c>priority</c>, <c>redelivered</c>.</summary>
    public IReadOnlyDictionary<string, object?> DeliveryInfo { get; init; } = new Dictionary<string, object?>();

    /// <summary>The node name of the worker running the task.</summary>
    public string? Hostname { get; init; }

    /// <summary>Cancelled at the soft time limit, on revoke with terminate, and at the hard time limit.</summary>
    public CancellationToken CancellationToken { get; internal set; }

    /// <summary>Whether the message has been acknowledged.</summary>
    public bool Acknowledged { get; internal set; }

    /// <summary>When the task started running (Unix seconds), or <see langword="null"/> when waiting.</summary>
    public double? TimeStart { get; internal set; }

    /// <summary>The message the request came in.</summary>
    internal Message? Message { get; init; }

    /// <summary>The exception that asks the worker to run this task again (Celery's <c>self.retry()</c>); throw it.</summary>
    /// <param name="countdown">How long to wait; the task's default retry delay when <see langword="null"/>.</param>
    /// <param name="cause">The error that caused the retry; raised instead when the retries are exhausted.</param>
    /// <param name="maxRetries">Overrides the task's retry limit.</param>
    /// <returns>The exception.</returns>
    public RetryException Retry(TimeSpan? countdown = null, Exception? cause = null, int? maxRetries = null) =>
        new(countdown, cause, maxRetries);

    /// <summary>Celery's <c>Request.info()</c>: what <c>inspect active</c> reports.</summary>
    /// <returns>The map.</returns>
    internal Dictionary<string, object?> Info() => new(StringComparer.Ordinal)
    {
        ["id"] = Id,
        ["name"] = Task,
        ["args"] = Args.ToList(),
        ["kwargs"] = new Dictionary<string, object?>(Kwargs, StringComparer.Ordinal),
        ["type"] = Task,
        ["hostname"] = Hostname,
        ["time_start"] = TimeStart,
        ["acknowledged"] = Acknowledged,
        ["delivery_info"] = new Dictionary<string, object?>(DeliveryInfo, StringComparer.Ordinal),
        ["worker_pid"] = (long)Environment.ProcessId,
    };
}
