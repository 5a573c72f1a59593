namespace Kombu.Celery;

/// <summary>Worker settings with Celery's defaults: node name, queues, concurrency, prefetch, acks, events, limits.</summary>
/// <remarks>The options of <c>celery worker</c> and the <c>worker_*</c>/<c>task_*</c> settings it reads.</remarks>
public sealed class CeleryWorkerOptions
{
    private readonly int _concurrency = Environment.ProcessorCount;
    private readonly int _prefetchMultiplier = 4;

    /// <summary>The node name (<c>-n</c>), default <c>celery@&lt;host&gt;</c>; its control queue is <c>&lt;name&gt;.celery.pidbox</c>.</summary>
    public string Hostname { get; init; } = "celery@" + Environment.MachineName;

    /// <summary>The queues to consume (<c>-Q</c>), default the app's default queue.</summary>
    public IReadOnlyList<string>? Queues { get; init; }

    /// <summary>How many tasks run at once (<c>-c</c>), default the processor count.</summary>
    public int Concurrency
    {
        get => _concurrency;
        init => _concurrency = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Concurrency must be at least 1.");
    }

    /// <summary><c>worker_prefetch_multiplier</c>: messages reserved per concurrency slot (default 4; 0 means no limit).</summary>
    public int PrefetchMultiplier
    {
        get => _prefetchMultiplier;
        init => _prefetchMultiplier = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The prefetch multiplier cannot be negative.");
    }

    /// <summary><c>task_acks_late</c>: acknowledge after the task ran instead of when it starts (default false).</summary>
    public bool AcksLate { get; init; }

    /// <summary>Send task and worker events (<c>-E</c>), default false.</summary>
    public bool SendEvents { get; init; }

    /// <summary>How often <c>worker-heartbeat</c> events are sent (default 2 s).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>task_time_limit</c>: the hard time limit of every task, unless the task or message sets one.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary><c>task_soft_time_limit</c>: the soft time limit of every task, unless the task or message sets one.</summary>
    public TimeSpan? SoftTimeLimit { get; init; }

    /// <summary><c>task_track_started</c>: store the STARTED state when a task starts (default false).</summary>
    public bool TrackStarted { get; init; }

    /// <summary>How long to wait before reconnecting after the broker connection is lost (default 1 s).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);
}
