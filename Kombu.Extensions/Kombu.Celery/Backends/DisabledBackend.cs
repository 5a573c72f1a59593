using Kombu.Exceptions;

namespace Kombu.Celery.Backends;

/// <summary>The backend of an app without a result backend: storing does nothing, reading says none is configured.</summary>
/// <remarks>Celery's <c>DisabledBackend</c>.</remarks>
public sealed class DisabledBackend : ResultBackend
{
    /// <summary>Creates the backend.</summary>
    /// <param name="app">The app.</param>
    public DisabledBackend(CeleryApp app) : base(app)
    {
    }

    /// <inheritdoc/>
    public override bool SupportsChords => false;

    /// <inheritdoc/>
    /// <exception cref="Kombu.Exceptions.UnsupportedOperationException">Always: no backend is configured.</exception>
    public override ValueTask<IDictionary<string, object?>?> GetTaskMetaAsync(string taskId, CancellationToken cancellationToken = default) =>
        throw new UnsupportedOperationException(CeleryMessages.NoBackend);

    /// <inheritdoc/>
    /// <exception cref="Kombu.Exceptions.UnsupportedOperationException">Always: no backend is configured.</exception>
    public override ValueTask<IDictionary<string, object?>> WaitForAsync(string taskId, TimeSpan? timeout,
        CancellationToken cancellationToken = default) => throw new UnsupportedOperationException(CeleryMessages.NoBackend);

    /// <inheritdoc/>
    public override ValueTask ForgetAsync(string taskId, CancellationToken cancellationToken = default) => default;

    /// <inheritdoc/>
    protected override ValueTask StoreMetaAsync(string taskId, Dictionary<string, object?> meta, TaskContext? request,
        CancellationToken cancellationToken) => default;
}
