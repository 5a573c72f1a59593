using Kombu.Celery.Wire;

namespace Kombu.Celery.Backends;

/// <summary>Celery's result meta document: <c>{"status", "result", "traceback", "children", "date_done", "task_id"}</c>.</summary>
/// <remarks>Celery's <c>Backend._get_result_meta</c>, <c>prepare_exception</c> and <c>exception_to_python</c> for json.</remarks>
public static class ResultMeta
{
    /// <summary>Builds the meta document a worker stores for a task.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="state">The state, one of <see cref="States"/>.</param>
    /// <param name="result">The return value, or an encoded exception (see <see cref="EncodeException(string, string?, IEnumerable{object?})"/>) for exception states.</param>
    /// <param name="traceback">The traceback text of a failure.</param>
    /// <param name="request">The request being answered, for <c>group_id</c>/<c>parent_id</c>; <see langword="null"/> outside a worker.</param>
    /// <returns>The document, keys in Celery's order.</returns>
    public static Dictionary<string, object?> Build(string taskId, string state, object? result, string? traceback, TaskContext? request)
    {
        var meta = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = state,
            ["result"] = result,
            ["traceback"] = traceback,
            ["children"] = request is null ? null : new List<object?>(),
            ["date_done"] = States.ReadyStates.Contains(state) ? WireValues.NaiveUtcNow() : null,
        };
        if (request?.GroupId is { } groupId)
            meta["group_id"] = groupId;
        if (request?.ParentId is { } parentId)
            meta["parent_id"] = parentId;
        meta["task_id"] = taskId;
        return meta;
    }

    /// <summary>Encodes an exception as Celery does for non-pickle serializers.</summary>
    /// <param name="type">The exception type name (<c>exc_type</c>), such as <c>ValueError</c>.</param>
    /// <param name="module">Its module (<c>exc_module</c>), such as <c>builtins</c>.</param>
    /// <param name="args">Its arguments (<c>exc_message</c>).</param>
    /// <returns><c>{"exc_type", "exc_message", "exc_module"}</c>.</returns>
    public static Dictionary<string, object?> EncodeException(string type, string? module, IEnumerable<object?> args) =>
        new(StringComparer.Ordinal) { ["exc_type"] = type, ["exc_message"] = args.ToList(), ["exc_module"] = module };

    /// <summary>Encodes a .NET exception: its type name, its namespace as the module, and its message as the one argument.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The encoded exception; Python rebuilds it as a synthesized class of that name.</returns>
    public static Dictionary<string, object?> EncodeException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var type = exception.GetType();
        return EncodeException(type.Name, type.Namespace, [exception.Message]);
    }

    /// <summary>The state of a meta document (<c>PENDING</c> when absent).</summary>
    /// <param name="meta">The document, or <see langword="null"/>.</param>
    /// <returns>The state.</returns>
    public static string State(IDictionary<string, object?>? meta) => meta?.Get("status") as string ?? States.Pending;

    /// <summary>Builds the exception a failed or revoked task's meta describes.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="meta">The meta document.</param>
    /// <returns>The exception.</returns>
    public static CeleryTaskException ToException(string taskId, IDictionary<string, object?> meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var state = State(meta);
        var traceback = meta.Get("traceback") as string;
        if (WireValues.ToMap(meta.Get("result")) is { } exc && exc.Get("exc_type") is string type)
            return new CeleryTaskException(taskId, state, type, exc.Get("exc_module") as string, Message(exc.Get("exc_message")), traceback);
        return new CeleryTaskException(taskId, state, "Exception", null, Message(meta.Get("result")), traceback);
    }

    /// <summary>What Python's <c>str(exc)</c> shows for an exception built from <c>exc_message</c>.</summary>
    /// <param name="excMessage">The arguments (a list) or a single value.</param>
    /// <returns>The message text.</returns>
    public static string Message(object? excMessage) => excMessage switch
    {
        null => "",
        string s => s,
        IList<object?> { Count: 0 } => "",
        IList<object?> { Count: 1 } one => one[0] as string ?? PythonText.Repr(one[0]),
        IList<object?> many => PythonText.ArgsRepr([.. many]),
        var other => PythonText.Repr(other),
    };
}
