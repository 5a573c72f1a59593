namespace Kombu.Celery;

/// <summary>Per-task settings of a worker's handler: acks, retries, time limits, result storing.</summary>
/// <remarks>The task attributes of Celery's <c>@app.task(...)</c> (<c>acks_late</c>, <c>max_retries</c>…).</remarks>
public sealed class TaskSettings
{
    /// <summary><c>acks_late</c>: <see langword="null"/> uses the worker's setting.</summary>
    public bool? AcksLate { get; init; }

    /// <summary><c>max_retries</c> (default 3); <see langword="null"/> retries without limit.</summary>
    public int? MaxRetries { get; init; } = 3;

    /// <summary><c>default_retry_delay</c>: the countdown of a retry that gives none (default 180 s).</summary>
    public TimeSpan DefaultRetryDelay { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary><c>time_limit</c>: the hard limit; the message's limit wins when it has one.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary><c>soft_time_limit</c>: the soft limit (the handler's token is cancelled); the message's wins.</summary>
    public TimeSpan? SoftTimeLimit { get; init; }

    /// <summary><c>ignore_result</c>: do not store the result.</summary>
    public bool IgnoreResult { get; init; }
}
