using Kombu.Celery.Wire;
using Kombu.Utils;

namespace Kombu.Celery;

/// <summary>A task call waiting to be sent: task name, arguments and options, serializable as Celery's signature map.</summary>
/// <remarks>
/// Celery's <c>celery.Signature</c> (<c>add.s(2, 2)</c>). Celery's <c>apply_async</c> is <see cref="Send"/>/<see cref="SendAsync"/>
/// (the <c>Async</c> suffix is kept for awaitables), <c>delay</c> is <see cref="Delay"/>.
/// </remarks>
public class Signature
{
    /// <summary>Creates a signature.</summary>
    /// <param name="task">The registered task name, such as <c>tasks.add</c>.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <param name="options">Send options (queue, countdown, ids…).</param>
    /// <param name="immutable">Ignore the parent's result when used as a callback or chain step.</param>
    /// <param name="app">The app that sends it; otherwise pass one to <see cref="Send"/>.</param>
    public Signature(string task, IEnumerable<object?>? args = null, IDictionary<string, object?>? kwargs = null,
        TaskOptions? options = null, bool immutable = false, CeleryApp? app = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        Task = task;
        Args = [.. args ?? []];
        Kwargs = new Dictionary<string, object?>(kwargs ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        Options = options ?? new TaskOptions();
        Immutable = immutable;
        App = app;
    }

    /// <summary>The task name.</summary>
    public string Task { get; }

    /// <summary>Positional arguments.</summary>
    public IReadOnlyList<object?> Args { get; }

    /// <summary>Keyword arguments.</summary>
    public IReadOnlyDictionary<string, object?> Kwargs { get; }

    /// <summary>Send options.</summary>
    public TaskOptions Options { get; }

    /// <summary>Whether the parent's result is ignored (Celery's <c>si()</c>).</summary>
    public bool Immutable { get; }

    /// <summary>The app bound to this signature, if any.</summary>
    public CeleryApp? App { get; }

    /// <summary>Celery's <c>subtask_type</c>: <see langword="null"/> for a task, <c>chain</c>, <c>group</c> or <c>chord</c>.</summary>
    public virtual string? SubtaskType => null;

    /// <summary>A copy with other options (Celery's <c>set()</c> replaces them all here).</summary>
    /// <param name="options">The new options.</param>
    /// <returns>The copy.</returns>
    public virtual Signature WithOptions(TaskOptions options) => new(Task, Args, AsDictionary(Kwargs), options, Immutable, App);

    /// <summary>A copy whose arguments start with <paramref name="partialArgs"/> (unless immutable).</summary>
    /// <param name="partialArgs">Arguments put in front, such as a parent's result.</param>
    /// <returns>The copy.</returns>
    public virtual Signature Clone(IEnumerable<object?>? partialArgs = null) =>
        new(Task, Immutable ? Args : [.. partialArgs ?? [], .. Args], AsDictionary(Kwargs), Options, Immutable, App);

    /// <summary>The signature as Celery serializes it: <c>{"task", "args", "kwargs", "options", "subtask_type", "immutable"}</c>.</summary>
    /// <returns>The map.</returns>
    public virtual Dictionary<string, object?> ToDictionary() => new(StringComparer.Ordinal)
    {
        ["task"] = Task,
        ["args"] = Args.ToList(),
        ["kwargs"] = AsDictionary(Kwargs),
        ["options"] = Options.ToDictionary(),
        ["subtask_type"] = SubtaskType,
        ["immutable"] = Immutable,
    };

    /// <summary>Reads a signature map (a task, chain, group or chord) from a message.</summary>
    /// <param name="map">The decoded map.</param>
    /// <param name="app">The app to bind, if any.</param>
    /// <returns>The signature.</returns>
    public static Signature FromDictionary(IDictionary<string, object?> map, CeleryApp? app = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var kwargs = WireValues.ToMap(map.Get("kwargs")) ?? new Dictionary<string, object?>();
        var options = TaskOptions.FromDictionary(WireValues.ToMap(map.Get("options")));
        var immutable = WireValues.ToBool(map.Get("immutable"));
        switch (map.Get("subtask_type") as string)
        {
            case "chain":
                return new Chain(SignatureOptions.Signatures(kwargs.Get("tasks")) ?? [], options, app);
            case "group":
                return new Group(SignatureOptions.Signatures(kwargs.Get("tasks")) ?? [], options, app);
            case "chord":
                var header = SignatureOptions.Signatures(kwargs.Get("header")) ?? [];
                var body = WireValues.ToMap(kwargs.Get("body")) is { } b ? FromDictionary(b, app) : throw new ArgumentException(CeleryMessages.BadTaskMessage("chord without body"), nameof(map));
                return new Chord(new Group(header, app: app), body, options, app);
            default:
                return new Signature(map.Get("task") as string ?? throw new ArgumentException(CeleryMessages.EmptyTaskName, nameof(map)),
                    WireValues.ToList(map.Get("args")), kwargs, options, immutable, app);
        }
    }

    /// <summary>Sends the task and returns its result handle.</summary>
    /// <param name="app">The app to send with; <see cref="App"/> when <see langword="null"/>.</param>
    /// <returns>The result of the task (for a workflow, of its last task).</returns>
    public AsyncResult Send(CeleryApp? app = null) => SyncOverAsync.Wait(SendAsync(app));

    /// <inheritdoc cref="Send"/>
    /// <param name="app">The app to send with; <see cref="App"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public virtual ValueTask<AsyncResult> SendAsync(CeleryApp? app = null, CancellationToken cancellationToken = default) =>
        ResolveApp(app).SendTaskAsync(Task, Args, AsDictionary(Kwargs), Options, cancellationToken);

    /// <summary>Sends the task with extra positional arguments put in front (Celery's <c>delay</c>).</summary>
    /// <param name="args">The extra arguments.</param>
    /// <returns>The result handle.</returns>
    public AsyncResult Delay(params object?[] args) => Clone(args).Send(App);

    /// <inheritdoc cref="Delay"/>
    public ValueTask<AsyncResult> DelayAsync(params object?[] args) => Clone(args).SendAsync(App);

    /// <summary>A copy with a task id and reply address assigned, so its result can be awaited before it runs.</summary>
    /// <param name="app">The app whose reply address is used.</param>
    /// <returns>The copy; its <see cref="TaskOptions.TaskId"/> is set.</returns>
    public Signature Freeze(CeleryApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Options.TaskId is not null && Options.ReplyTo is not null
            ? this
            : WithOptions(Options with { TaskId = Options.TaskId ?? Kombu.Utils.Uuids.New(), ReplyTo = Options.ReplyTo ?? app.Oid });
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Task}{PythonText.ArgsRepr(Args)}";

    /// <summary>The app to send with: the argument, else the bound one.</summary>
    /// <param name="app">The app passed by the caller.</param>
    /// <returns>The app.</returns>
    /// <exception cref="InvalidOperationException">Neither is set.</exception>
    protected CeleryApp ResolveApp(CeleryApp? app) =>
        app ?? App ?? throw new InvalidOperationException(CeleryMessages.SignatureNotBound(Task));

    /// <summary>Copies a read-only map into a mutable one.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The copy.</returns>
    protected static Dictionary<string, object?> AsDictionary(IReadOnlyDictionary<string, object?> map) =>
        new(map, StringComparer.Ordinal);
}
