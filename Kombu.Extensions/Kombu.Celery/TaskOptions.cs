namespace Kombu.Celery;

/// <summary>Options of one task message: routing, timing, retries, limits, serialization, workflow links and ids.</summary>
/// <remarks>The keyword arguments of Celery's <c>apply_async</c>/<c>send_task</c>; each property names its Celery option.</remarks>
public sealed record TaskOptions
{
    /// <summary><c>queue</c>: the queue to send to (default <see cref="CeleryOptions.DefaultQueue"/>).</summary>
    public string? Queue { get; init; }

    /// <summary><c>exchange</c>: publish to this exchange instead of the anonymous one.</summary>
    public string? Exchange { get; init; }

    /// <summary><c>routing_key</c>, used with <see cref="Exchange"/>.</summary>
    public string? RoutingKey { get; init; }

    /// <summary><c>task_id</c>: the task id (default a new UUID).</summary>
    public string? TaskId { get; init; }

    /// <summary><c>countdown</c>: run no earlier than this long from now.</summary>
    public TimeSpan? Countdown { get; init; }

    /// <summary><c>eta</c>: run no earlier than this time.</summary>
    public DateTimeOffset? Eta { get; init; }

    /// <summary><c>expires</c> (seconds form): revoke the task if it has not run this long from now.</summary>
    public TimeSpan? Expires { get; init; }

    /// <summary><c>expires</c> (datetime form): revoke the task if it has not run by this time.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary><c>priority</c>: message priority 0–9 (its meaning is the transport's).</summary>
    public int? Priority { get; init; }

    /// <summary><c>retries</c>: the retry count carried by the message (default 0).</summary>
    public int Retries { get; init; }

    /// <summary><c>time_limit</c>: the hard time limit the worker enforces.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary><c>soft_time_limit</c>: the soft time limit the worker enforces.</summary>
    public TimeSpan? SoftTimeLimit { get; init; }

    /// <summary><c>headers</c>: extra message headers.</summary>
    public IReadOnlyDictionary<string, object?>? Headers { get; init; }

    /// <summary><c>serializer</c>: json (default), msgpack, yaml, or pickle when accepted.</summary>
    public string? Serializer { get; init; }

    /// <summary><c>compression</c>: zlib, bzip2… (default none).</summary>
    public string? Compression { get; init; }

    /// <summary>The task message protocol: 2 (default) or 1; <see langword="null"/> uses <see cref="CeleryOptions.TaskProtocol"/>.</summary>
    public int? Protocol { get; init; }

    /// <summary><c>link</c>: signatures applied to the result on success.</summary>
    public IReadOnlyList<Signature>? Link { get; init; }

    /// <summary><c>link_error</c>: signatures applied on failure.</summary>
    public IReadOnlyList<Signature>? LinkError { get; init; }

    /// <summary><c>ignore_result</c>: ask the worker not to store the result.</summary>
    public bool IgnoreResult { get; init; }

    /// <summary><c>shadow</c>: another name for the task in logs and events.</summary>
    public string? Shadow { get; init; }

    /// <summary><c>parent_id</c>: the id of the task that sends this one.</summary>
    public string? ParentId { get; init; }

    /// <summary><c>root_id</c>: the id of the workflow's first task (default the task's own id).</summary>
    public string? RootId { get; init; }

    /// <summary><c>group_id</c>: the id of the group the task belongs to.</summary>
    public string? GroupId { get; init; }

    /// <summary><c>group_index</c>: the task's position in its group.</summary>
    public int? GroupIndex { get; init; }

    /// <summary><c>reply_to</c>: where rpc:// results go (default the app's reply queue).</summary>
    public string? ReplyTo { get; init; }

    /// <summary><c>chain</c>: the tasks to run after this one, next first.</summary>
    public IReadOnlyList<Signature>? Chain { get; init; }

    /// <summary><c>chord</c>: the chord body this header task counts towards.</summary>
    public Signature? Chord { get; init; }

    /// <summary>Reads Celery's options map of a signature (<c>task_id</c>, <c>queue</c>, <c>countdown</c>…).</summary>
    /// <param name="options">The map.</param>
    /// <returns>The options; unknown keys are ignored.</returns>
    public static TaskOptions FromDictionary(IDictionary<string, object?>? options) => Wire.SignatureOptions.Read(options);

    /// <summary>Writes the options as Celery's options map of a signature.</summary>
    /// <returns>The map, with only the options that are set.</returns>
    public Dictionary<string, object?> ToDictionary() => Wire.SignatureOptions.Write(this);
}
