namespace Kombu.Celery;

/// <summary>How a task ended on this worker, as <see cref="CeleryWorker.TaskFinished"/> reports it.</summary>
/// <param name="Id">The task id.</param>
/// <param name="Task">The task name.</param>
/// <param name="State">SUCCESS, FAILURE, RETRY or REVOKED.</param>
/// <param name="Result">The return value (SUCCESS).</param>
/// <param name="ExceptionType">The exception type name (other states).</param>
/// <param name="ExceptionMessage">The exception message (other states).</param>
/// <param name="Runtime">How long the handler ran.</param>
public sealed record TaskOutcome(string Id, string Task, string State, object? Result, string? ExceptionType,
    string? ExceptionMessage, TimeSpan Runtime);
