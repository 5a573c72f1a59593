using Kombu.Celery.Wire;
using Kombu.Utils;

namespace Kombu.Celery;

/// <summary>Tasks sent at once under one group id; their results are read together as a <see cref="GroupResult"/>.</summary>
/// <remarks>Celery's <c>group</c>: each message carries the group id and its index in the group.</remarks>
public sealed class Group : Signature
{
    /// <summary>Creates a group.</summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="options">Options of the group; <see cref="TaskOptions.TaskId"/> is the group id.</param>
    /// <param name="app">The app that sends it.</param>
    public Group(IEnumerable<Signature> tasks, TaskOptions? options = null, CeleryApp? app = null)
        : base("celery.group", options: options, app: app)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Tasks = [.. tasks];
    }

    /// <summary>Creates a group of the given tasks.</summary>
    /// <param name="tasks">The tasks.</param>
    public Group(params Signature[] tasks) : this((IEnumerable<Signature>)tasks)
    {
    }

    /// <summary>The tasks.</summary>
    public IReadOnlyList<Signature> Tasks { get; }

    /// <inheritdoc/>
    public override string? SubtaskType => "group";

    /// <inheritdoc/>
    public override Signature WithOptions(TaskOptions options) => new Group(Tasks, options, App);

    /// <inheritdoc/>
    /// <remarks>The partial arguments go to every task.</remarks>
    public override Signature Clone(IEnumerable<object?>? partialArgs = null)
    {
        var args = partialArgs?.ToList();
        return new Group(Tasks.Select(t => t.Clone(args)), Options, App);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> ToDictionary()
    {
        var map = base.ToDictionary();
        map["kwargs"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["tasks"] = SignatureOptions.SignatureDicts(Tasks) ?? [] };
        return map;
    }

    /// <summary>Sends every task and returns the group's result.</summary>
    /// <param name="app">The app to send with.</param>
    /// <returns>The group result.</returns>
    public new GroupResult Send(CeleryApp? app = null) => (GroupResult)SyncOverAsync.Wait(SendAsync(app));

    /// <inheritdoc/>
    /// <returns>A <see cref="GroupResult"/>.</returns>
    public override async ValueTask<AsyncResult> SendAsync(CeleryApp? app = null, CancellationToken cancellationToken = default)
    {
        var celery = app ?? App ?? Tasks.Select(t => t.App).FirstOrDefault(a => a is not null) ?? ResolveApp(null);
        var groupId = Options.TaskId ?? Kombu.Utils.Uuids.New();
        var results = new List<AsyncResult>(Tasks.Count);
        for (var i = 0; i < Tasks.Count; i++)
        {
            var task = Tasks[i].Freeze(celery);
            var options = task.Options with
            {
                GroupId = groupId,
                GroupIndex = i,
                Chord = Options.Chord ?? task.Options.Chord,
                RootId = task.Options.RootId ?? Options.RootId,
            };
            if (options.Chord is not null && i == Tasks.Count - 1)
                await celery.Backend.SetChordSizeAsync(groupId, Tasks.Count, cancellationToken).ConfigureAwait(false);
            results.Add(await celery.SendTaskAsync(task.Task, task.Args, AsDictionary(task.Kwargs), options, cancellationToken)
                .ConfigureAwait(false));
        }
        return new GroupResult(groupId, celery, results);
    }
}
