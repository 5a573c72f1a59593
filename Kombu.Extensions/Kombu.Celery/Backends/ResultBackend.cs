namespace Kombu.Celery.Backends;

/// <summary>Where task states and results are stored and read: the base of rpc://, redis:// and other backends.</summary>
/// <remarks>Celery's <c>celery.backends.base.Backend</c>. The client side reads and waits; the worker side stores.</remarks>
public abstract class ResultBackend : IAsyncDisposable
{
    /// <summary>Creates the backend for an app.</summary>
    /// <param name="app">The app whose connection and settings it uses.</param>
    protected ResultBackend(CeleryApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        App = app;
    }

    /// <summary>The app.</summary>
    public CeleryApp App { get; }

    /// <summary>Whether chords can count their parts here (false for rpc://).</summary>
    public virtual bool SupportsChords => true;

    /// <summary>Called before a task is sent, so its result cannot be missed (rpc:// starts consuming its reply queue).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>A task that completes when the backend is ready.</returns>
    public virtual ValueTask OnTaskCallAsync(string taskId, CancellationToken cancellationToken = default) => default;

    /// <summary>Reads the latest meta document of a task without waiting.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document, or <see langword="null"/> when nothing is stored (PENDING).</returns>
    public abstract ValueTask<IDictionary<string, object?>?> GetTaskMetaAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Waits until a task is in a ready state (SUCCESS, FAILURE, REVOKED) and returns its meta document.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits without limit.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The document.</returns>
    /// <exception cref="TimeoutException">The task was not ready in time.</exception>
    public abstract ValueTask<IDictionary<string, object?>> WaitForAsync(string taskId, TimeSpan? timeout,
        CancellationToken cancellationToken = default);

    /// <summary>Forgets a task's result.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is forgotten.</returns>
    public abstract ValueTask ForgetAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Records how many parts a chord's header has, before its last part is sent.</summary>
    /// <param name="groupId">The chord's group id.</param>
    /// <param name="size">The number of header tasks.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is stored.</returns>
    public virtual ValueTask SetChordSizeAsync(string groupId, int size, CancellationToken cancellationToken = default) => default;

    /// <summary>Stores a task's state (worker side).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="state">The state, one of <see cref="States"/>.</param>
    /// <param name="result">The return value, or an encoded exception for exception states.</param>
    /// <param name="traceback">The traceback text of a failure.</param>
    /// <param name="request">The request being answered (reply address, correlation id, group).</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <returns>A task that completes when it is stored.</returns>
    public ValueTask StoreResultAsync(string taskId, string state, object? result, string? traceback, TaskContext? request,
        CancellationToken cancellationToken = default) =>
        StoreMetaAsync(taskId, ResultMeta.Build(taskId, state, result, traceback, request), request, cancellationToken);

    /// <summary>Called when a chord header task finishes (worker side); redis:// counts the part and may start the body.</summary>
    /// <param name="request">The finished header task.</param>
    /// <param name="state">Its state.</param>
    /// <param name="result">Its result, or its encoded exception.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the part is counted.</returns>
    public virtual ValueTask OnChordPartReturnAsync(TaskContext request, string state, object? result,
        CancellationToken cancellationToken = default) => default;

    /// <summary>Writes a meta document (worker side).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="meta">The document.</param>
    /// <param name="request">The request being answered, if any.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when it is written.</returns>
    protected abstract ValueTask StoreMetaAsync(string taskId, Dictionary<string, object?> meta, TaskContext? request,
        CancellationToken cancellationToken);

    /// <inheritdoc/>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return default;
    }
}
