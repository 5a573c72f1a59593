using Kombu.Celery.Wire;

namespace Kombu.Celery;

/// <summary>Tasks run one after another, each getting the previous result as its first argument.</summary>
/// <remarks>
/// Celery's <c>chain</c>: the first task's message carries the rest in its <c>chain</c> field, next task last,
/// and each worker sends the next step. Nested chains are flattened; groups and chords inside a chain are not supported.
/// </remarks>
public sealed class Chain : Signature
{
    /// <summary>Creates a chain.</summary>
    /// <param name="tasks">The steps, in order.</param>
    /// <param name="options">Options of the chain itself (kept in its signature map).</param>
    /// <param name="app">The app that sends it.</param>
    public Chain(IEnumerable<Signature> tasks, TaskOptions? options = null, CeleryApp? app = null)
        : base("celery.chain", options: options, app: app)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Tasks = [.. tasks.SelectMany(t => t is Chain c ? c.Tasks : [t])];
        if (Tasks.Any(t => t is Group or Chord))
            throw new Kombu.Exceptions.UnsupportedOperationException(CeleryMessages.NestedCanvas);
    }

    /// <summary>Creates a chain of the given steps.</summary>
    /// <param name="tasks">The steps, in order.</param>
    public Chain(params Signature[] tasks) : this((IEnumerable<Signature>)tasks)
    {
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<Signature> Tasks { get; }

    /// <inheritdoc/>
    public override string? SubtaskType => "chain";

    /// <inheritdoc/>
    public override Signature WithOptions(TaskOptions options) => new Chain(Tasks, options, App);

    /// <inheritdoc/>
    /// <remarks>The partial arguments go to the first step.</remarks>
    public override Signature Clone(IEnumerable<object?>? partialArgs = null) =>
        Tasks.Count == 0 ? this : new Chain([Tasks[0].Clone(partialArgs), .. Tasks.Skip(1)], Options, App);

    /// <inheritdoc/>
    public override Dictionary<string, object?> ToDictionary()
    {
        var map = base.ToDictionary();
        map["kwargs"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["tasks"] = SignatureOptions.SignatureDicts(Tasks) ?? [] };
        return map;
    }

    /// <inheritdoc/>
    /// <returns>The result of the last step; its <see cref="AsyncResult.Parent"/> chain leads back to the first.</returns>
    public override async ValueTask<AsyncResult> SendAsync(CeleryApp? app = null, CancellationToken cancellationToken = default)
    {
        var celery = app ?? App ?? Tasks.Select(t => t.App).FirstOrDefault(a => a is not null) ?? ResolveApp(null);
        if (Tasks.Count == 0)
            throw new InvalidOperationException(CeleryMessages.EmptyChain);
        var frozen = Tasks.Select(t => t.Freeze(celery)).ToList();
        var rootId = frozen[0].Options.RootId ?? frozen[0].Options.TaskId;
        frozen = [.. frozen.Select(t => t.WithOptions(t.Options with { RootId = t.Options.RootId ?? rootId }))];
        var rest = frozen.Skip(1).Reverse().ToList();
        var first = frozen[0];
        await celery.SendTaskAsync(first.Task, first.Args, AsDictionary(first.Kwargs),
            first.Options with { Chain = rest.Count > 0 ? rest : null }, cancellationToken).ConfigureAwait(false);
        AsyncResult? result = null;
        foreach (var step in frozen)
            result = new AsyncResult(step.Options.TaskId!, celery, result);
        return result!;
    }
}
