namespace Kombu.Celery;

/// <summary>The task states Celery stores in result backends.</summary>
/// <remarks>Celery's <c>celery.states</c>.</remarks>
public static class States
{
    /// <summary>Unknown to the backend: waiting, or never sent.</summary>
    public const string Pending = "PENDING";

    /// <summary>Received by a worker.</summary>
    public const string Received = "RECEIVED";

    /// <summary>Started by a worker (only stored when tracking is on).</summary>
    public const string Started = "STARTED";

    /// <summary>Finished with a return value.</summary>
    public const string Success = "SUCCESS";

    /// <summary>Finished with an exception.</summary>
    public const string Failure = "FAILURE";

    /// <summary>Revoked, or expired before it ran.</summary>
    public const string Revoked = "REVOKED";

    /// <summary>Rejected by the worker.</summary>
    public const string Rejected = "REJECTED";

    /// <summary>Failed and scheduled to run again.</summary>
    public const string Retry = "RETRY";

    /// <summary>Finished, but its result is ignored.</summary>
    public const string Ignored = "IGNORED";

    /// <summary>States after which the state never changes: SUCCESS, FAILURE, REVOKED.</summary>
    public static IReadOnlySet<string> ReadyStates { get; } = new HashSet<string>(StringComparer.Ordinal) { Success, Failure, Revoked };

    /// <summary>States whose result is an exception: FAILURE, RETRY, REVOKED.</summary>
    public static IReadOnlySet<string> ExceptionStates { get; } = new HashSet<string>(StringComparer.Ordinal) { Failure, Retry, Revoked };

    /// <summary>Ready states that count as failed: FAILURE, REVOKED.</summary>
    public static IReadOnlySet<string> PropagateStates { get; } = new HashSet<string>(StringComparer.Ordinal) { Failure, Revoked };
}
