using Kombu.Exceptions;

namespace Kombu.Celery;

/// <summary>A task ended in FAILURE (or was revoked): the remote exception's type, message and traceback.</summary>
/// <remarks>What Celery's <c>AsyncResult.get()</c> re-raises as the original exception class.</remarks>
public sealed class CeleryTaskException : KombuException
{
    /// <summary>Creates the exception from a stored result.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="state">The task state (FAILURE or REVOKED).</param>
    /// <param name="exceptionType">The remote exception type, such as <c>ValueError</c>.</param>
    /// <param name="exceptionModule">The remote exception's module, such as <c>builtins</c>.</param>
    /// <param name="exceptionMessage">The exception message (its arguments as Python's <c>str</c> shows them).</param>
    /// <param name="remoteTraceback">The remote traceback text, if any.</param>
    public CeleryTaskException(string taskId, string state, string exceptionType, string? exceptionModule,
        string exceptionMessage, string? remoteTraceback)
        : base(CeleryMessages.TaskFailed(exceptionType, exceptionMessage))
    {
        TaskId = taskId;
        State = state;
        ExceptionType = exceptionType;
        ExceptionModule = exceptionModule;
        ExceptionMessage = exceptionMessage;
        RemoteTraceback = remoteTraceback;
    }

    /// <summary>The id of the task that failed.</summary>
    public string TaskId { get; }

    /// <summary>The task state: FAILURE or REVOKED.</summary>
    public string State { get; }

    /// <summary>The remote exception type name (<c>exc_type</c>).</summary>
    public string ExceptionType { get; }

    /// <summary>The remote exception's module (<c>exc_module</c>), if known.</summary>
    public string? ExceptionModule { get; }

    /// <summary>The remote exception message.</summary>
    public string ExceptionMessage { get; }

    /// <summary>The remote traceback text (<c>traceback</c> of the result), if stored.</summary>
    public string? RemoteTraceback { get; }
}
