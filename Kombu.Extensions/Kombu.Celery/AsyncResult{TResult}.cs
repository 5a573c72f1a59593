using Kombu.Utils;

namespace Kombu.Celery;

/// <summary>A handle on a task whose return value is read as <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The task's return type.</typeparam>
public sealed class AsyncResult<TResult> : AsyncResult
{
    /// <inheritdoc cref="AsyncResult(string, CeleryApp, AsyncResult?)"/>
    public AsyncResult(string id, CeleryApp app, AsyncResult? parent = null) : base(id, app, parent)
    {
    }

    /// <summary>Waits for the task and returns its value as <typeparamref name="TResult"/>.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits without limit.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CeleryTaskException">The task failed or was revoked.</exception>
    /// <exception cref="TimeoutException">The task was not ready in time.</exception>
    public TResult? Get(TimeSpan? timeout = null) => SyncOverAsync.Wait(GetAsync<TResult>(timeout));

    /// <inheritdoc cref="Get"/>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask<TResult?> GetTypedAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        GetAsync<TResult>(timeout, cancellationToken);
}
