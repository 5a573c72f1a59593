using Kombu.Celery.Backends;
using Kombu.Celery.Wire;
using Kombu.Utils;

namespace Kombu.Celery;

/// <summary>A handle on a sent task: its state, and its result once ready.</summary>
/// <remarks>Celery's <c>celery.result.AsyncResult</c>. A ready result is read once and then kept.</remarks>
public class AsyncResult
{
    private IDictionary<string, object?>? _ready;

    /// <summary>Creates a handle on a task id.</summary>
    /// <param name="id">The task id.</param>
    /// <param name="app">The app whose backend holds the result.</param>
    /// <param name="parent">The result of the previous step of a workflow, if any.</param>
    public AsyncResult(string id, CeleryApp app, AsyncResult? parent = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(app);
        Id = id;
        App = app;
        Parent = parent;
    }

    /// <summary>The task id.</summary>
    public string Id { get; }

    /// <summary>The app.</summary>
    public CeleryApp App { get; }

    /// <summary>The result of the previous step (chains) or of the header (chords).</summary>
    public AsyncResult? Parent { get; }

    /// <summary>The app's result backend.</summary>
    public ResultBackend Backend => App.Backend;

    /// <summary>The current state: PENDING until the backend knows more.</summary>
    public string State => SyncOverAsync.Wait(GetStateAsync());

    /// <summary>Whether the task has finished (SUCCESS, FAILURE or REVOKED).</summary>
    public bool Ready => States.ReadyStates.Contains(State);

    /// <summary>Whether the task succeeded.</summary>
    public bool Successful => State == States.Success;

    /// <summary>Whether the task failed.</summary>
    public bool Failed => State == States.Failure;

    /// <summary>The return value; for a failed or revoked task, the <see cref="CeleryTaskException"/>; <see langword="null"/> while pending.</summary>
    public object? Result
    {
        get
        {
            var meta = SyncOverAsync.Wait(GetMetaAsync(CancellationToken.None));
            return meta is null ? null : Value(meta, propagate: false);
        }
    }

    /// <summary>The traceback text of a failure, if stored.</summary>
    public string? Traceback => SyncOverAsync.Wait(GetMetaAsync(CancellationToken.None))?.Get("traceback") as string;

    /// <summary>Waits for the task to finish and returns its return value.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits without limit.</param>
    /// <param name="propagate">Throw when the task failed (default); otherwise return the <see cref="CeleryTaskException"/>.</param>
    /// <returns>The return value as decoded (numbers are <see cref="long"/>/<see cref="double"/>, maps and lists as Kombu decodes them).</returns>
    /// <exception cref="CeleryTaskException">The task failed or was revoked.</exception>
    /// <exception cref="TimeoutException">The task was not ready in time.</exception>
    /// <exception cref="Kombu.Exceptions.UnsupportedOperationException">The app has no result backend.</exception>
    public object? Get(TimeSpan? timeout = null, bool propagate = true) => SyncOverAsync.Wait(GetAsync(timeout, propagate));

    /// <inheritdoc cref="Get"/>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="propagate">Throw when the task failed.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public virtual async ValueTask<object?> GetAsync(TimeSpan? timeout = null, bool propagate = true,
        CancellationToken cancellationToken = default)
    {
        var meta = _ready ?? await Backend.WaitForAsync(Id, timeout, cancellationToken).ConfigureAwait(false);
        _ready = meta;
        return Value(meta, propagate);
    }

    /// <summary>Waits for the task and converts its return value to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to convert to.</typeparam>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The converted value.</returns>
    /// <exception cref="CeleryTaskException">The task failed or was revoked.</exception>
    /// <exception cref="FormatException">The value cannot be converted.</exception>
    public T? Get<T>(TimeSpan? timeout = null) => SyncOverAsync.Wait(GetAsync<T>(timeout));

    /// <inheritdoc cref="Get{T}"/>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async ValueTask<T?> GetAsync<T>(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        (T?)ValueConversion.To(await GetAsync(timeout, true, cancellationToken).ConfigureAwait(false), typeof(T));

    /// <inheritdoc cref="State"/>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state.</returns>
    public virtual async ValueTask<string> GetStateAsync(CancellationToken cancellationToken = default) =>
        ResultMeta.State(await GetMetaAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Forgets the result in the backend.</summary>
    public void Forget() => SyncOverAsync.Wait(ForgetAsync());

    /// <inheritdoc cref="Forget"/>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is forgotten.</returns>
    public virtual ValueTask ForgetAsync(CancellationToken cancellationToken = default)
    {
        _ready = null;
        return Backend.ForgetAsync(Id, cancellationToken);
    }

    /// <summary>Asks every worker not to run the task (Celery's remote-control <c>revoke</c>).</summary>
    /// <param name="terminate">Also stop it if it is running (a C# worker cancels its token).</param>
    /// <param name="signal">The signal name for terminate (default <c>SIGTERM</c>).</param>
    public void Revoke(bool terminate = false, string? signal = null) => SyncOverAsync.Wait(RevokeAsync(terminate, signal));

    /// <inheritdoc cref="Revoke"/>
    /// <param name="terminate">Also stop it if it is running.</param>
    /// <param name="signal">The signal name for terminate.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the request is sent.</returns>
    public virtual ValueTask RevokeAsync(bool terminate = false, string? signal = null, CancellationToken cancellationToken = default) =>
        App.Control.RevokeAsync([Id], terminate, signal, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => $"<AsyncResult: {Id}>";

    /// <summary>Reads the latest meta document (kept once ready).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document, or <see langword="null"/> while pending.</returns>
    protected async ValueTask<IDictionary<string, object?>?> GetMetaAsync(CancellationToken cancellationToken)
    {
        if (_ready is not null)
            return _ready;
        var meta = await Backend.GetTaskMetaAsync(Id, cancellationToken).ConfigureAwait(false);
        if (meta is not null && States.ReadyStates.Contains(ResultMeta.State(meta)))
            _ready = meta;
        return meta;
    }

    private object? Value(IDictionary<string, object?> meta, bool propagate)
    {
        if (!States.ExceptionStates.Contains(ResultMeta.State(meta)))
            return meta.Get("result");
        var exception = ResultMeta.ToException(Id, meta);
        return propagate && States.PropagateStates.Contains(exception.State) ? throw exception : exception;
    }
}
