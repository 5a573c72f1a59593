using System.Globalization;

namespace Kombu.Celery;

/// <summary>Error texts of Kombu.Celery, built in one place.</summary>
internal static class CeleryMessages
{
    public const string NoBackend =
        "No result backend is configured: pass a backend URL (rpc:// or redis://…) to CeleryApp to read task results.";

    public const string RpcNoChords = "The rpc:// result backend does not support chords (as in Celery); use redis:// instead.";

    public const string EmptyTaskName = "A task name is required.";

    public const string WorkerRunning = "The worker is already running.";

    public const string NestedCanvas = "Groups and chords inside a chain are not supported; send them separately.";

    public const string EmptyChain = "A chain needs at least one task.";

    public static string SignatureNotBound(string task) => $"The signature {task} is not bound to a CeleryApp: pass one to Send.";

    public static string ChordDependencyFailed(string taskId, string type, string message) =>
        $"Dependency {taskId} raised {type}('{message}')";

    public static string UnknownBackend(string scheme) =>
        $"No Celery result backend for '{scheme}://': use rpc:// or redis:// (register others with ResultBackends.Register).";

    public static string BackendPackageMissing(string scheme, string assembly) =>
        $"The '{scheme}://' result backend lives in the {assembly} package: add a reference to {assembly}.";

    public static string NotABackend(string type) => $"{type} is not a ResultBackend.";

    public static string BadProtocol(int protocol) =>
        string.Create(CultureInfo.InvariantCulture, $"Unknown Celery task protocol {protocol}: use 1 or 2.");

    public static string GetTimedOut(string id, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"The operation timed out after {timeout.TotalSeconds:0.###} s waiting for task {id}.");

    public static string TaskFailed(string type, string message) => $"{type}: {message}";

    public static string MissingArgument(string task, string parameter) =>
        $"{task}() missing required argument: '{parameter}'";

    public static string BadArgument(string task, string parameter, string type, string reason) =>
        $"{task}() argument '{parameter}' cannot be read as {type}: {reason}";

    public static string TooManyArguments(string task, int expected, int given) =>
        string.Create(CultureInfo.InvariantCulture, $"{task}() takes {expected} positional arguments but {given} were given");

    public static string UnexpectedKeyword(string task, string keyword) =>
        $"{task}() got an unexpected keyword argument '{keyword}'";

    public static string MaxRetriesExceeded(string task, string id, string args, string kwargs) =>
        $"Can't retry {task}[{id}] args:{args} kwargs:{kwargs}";

    public static string Retrying(TimeSpan? countdown) => countdown is { } c
        ? string.Create(CultureInfo.InvariantCulture, $"Retry in {c.TotalSeconds:0.###}s")
        : "Retry";

    public static string HardTimeLimit(TimeSpan limit) =>
        string.Create(CultureInfo.InvariantCulture, $"TimeLimitExceeded({limit.TotalSeconds:0.0###},)");

    public static string NotRegistered(string name) => $"'{name}'";

    public static string BadTaskMessage(string reason) => $"Invalid Celery task message: {reason}";

    public static string UnsupportedHandlerReturn(string task) =>
        $"The handler of {task} returned a Task that is not awaitable as a value.";
}
