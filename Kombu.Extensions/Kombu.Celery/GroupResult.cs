using System.Diagnostics;

namespace Kombu.Celery;

/// <summary>The results of a group: one <see cref="AsyncResult"/> per task, read together.</summary>
/// <remarks>Celery's <c>celery.result.GroupResult</c>; its <see cref="AsyncResult.Id"/> is the group id.</remarks>
public sealed class GroupResult : AsyncResult
{
    /// <summary>Creates the group result.</summary>
    /// <param name="id">The group id.</param>
    /// <param name="app">The app.</param>
    /// <param name="results">The task results, in group order.</param>
    public GroupResult(string id, CeleryApp app, IEnumerable<AsyncResult> results) : base(id, app)
    {
        ArgumentNullException.ThrowIfNull(results);
        Results = [.. results];
    }

    /// <summary>The task results, in group order.</summary>
    public IReadOnlyList<AsyncResult> Results { get; }

    /// <summary>How many tasks succeeded so far.</summary>
    /// <returns>The count.</returns>
    public int CompletedCount() => Results.Count(r => r.Successful);

    /// <inheritdoc/>
    /// <returns>A list of the return values in group order (Celery's <c>join</c>).</returns>
    public override async ValueTask<object?> GetAsync(TimeSpan? timeout = null, bool propagate = true,
        CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var values = new List<object?>(Results.Count);
        foreach (var result in Results)
        {
            var remaining = timeout is { } t ? t - Stopwatch.GetElapsedTime(start) : (TimeSpan?)null;
            if (remaining < TimeSpan.Zero)
                remaining = TimeSpan.Zero;
            values.Add(await result.GetAsync(remaining, propagate, cancellationToken).ConfigureAwait(false));
        }
        return values;
    }

    /// <inheritdoc/>
    /// <returns>SUCCESS when every task succeeded, FAILURE when all are ready and one failed, else PENDING.</returns>
    public override async ValueTask<string> GetStateAsync(CancellationToken cancellationToken = default)
    {
        var states = new List<string>(Results.Count);
        foreach (var result in Results)
            states.Add(await result.GetStateAsync(cancellationToken).ConfigureAwait(false));
        if (states.All(s => s == States.Success))
            return States.Success;
        return states.All(States.ReadyStates.Contains) ? States.Failure : States.Pending;
    }

    /// <inheritdoc/>
    public override async ValueTask ForgetAsync(CancellationToken cancellationToken = default)
    {
        foreach (var result in Results)
            await result.ForgetAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override ValueTask RevokeAsync(bool terminate = false, string? signal = null, CancellationToken cancellationToken = default) =>
        App.Control.RevokeAsync([.. Results.Select(r => r.Id)], terminate, signal, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => $"<GroupResult: {Id} [{string.Join(", ", Results.Select(r => r.Id))}]>";
}
