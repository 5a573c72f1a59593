using Kombu.Celery.Wire;
using Kombu.Exceptions;

namespace Kombu.Celery;

/// <summary>A group (the header) whose results, once all are in, are passed as a list to one more task (the body).</summary>
/// <remarks>
/// Celery's <c>chord</c>, built for Celery workers to run: each header message carries the body in its <c>chord</c>
/// field, and the result backend counts the finished parts (redis:// stores the size in
/// <c>celery-taskset-meta-&lt;group id&gt;.s</c>). rpc:// does not support chords, as in Celery.
/// </remarks>
public sealed class Chord : Signature
{
    /// <summary>Creates a chord.</summary>
    /// <param name="header">The tasks that run first.</param>
    /// <param name="body">The task that gets the list of their results.</param>
    /// <param name="options">Options of the chord.</param>
    /// <param name="app">The app that sends it.</param>
    public Chord(Group header, Signature body, TaskOptions? options = null, CeleryApp? app = null)
        : base("celery.chord", options: options, app: app)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(body);
        Header = header;
        Body = body;
    }

    /// <summary>Creates a chord from header tasks.</summary>
    /// <param name="header">The tasks that run first.</param>
    /// <param name="body">The task that gets the list of their results.</param>
    public Chord(IEnumerable<Signature> header, Signature body) : this(new Group(header), body)
    {
    }

    /// <summary>The header group.</summary>
    public Group Header { get; }

    /// <summary>The body task.</summary>
    public Signature Body { get; }

    /// <inheritdoc/>
    public override string? SubtaskType => "chord";

    /// <inheritdoc/>
    public override Signature WithOptions(TaskOptions options) => new Chord(Header, Body, options, App);

    /// <inheritdoc/>
    /// <remarks>The partial arguments go to every header task.</remarks>
    public override Signature Clone(IEnumerable<object?>? partialArgs = null) =>
        new Chord((Group)Header.Clone(partialArgs), Body, Options, App);

    /// <inheritdoc/>
    public override Dictionary<string, object?> ToDictionary()
    {
        var map = base.ToDictionary();
        map["kwargs"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["header"] = SignatureOptions.SignatureDicts(Header.Tasks) ?? [],
            ["body"] = Body.ToDictionary(),
            ["kwargs"] = new Dictionary<string, object?>(StringComparer.Ordinal),
        };
        return map;
    }

    /// <inheritdoc/>
    /// <returns>The body's result; its <see cref="AsyncResult.Parent"/> is the header's <see cref="GroupResult"/>.</returns>
    /// <exception cref="UnsupportedOperationException">The result backend does not support chords (rpc://).</exception>
    public override async ValueTask<AsyncResult> SendAsync(CeleryApp? app = null, CancellationToken cancellationToken = default)
    {
        var celery = app ?? App ?? Header.Tasks.Select(t => t.App).FirstOrDefault(a => a is not null) ?? ResolveApp(null);
        if (!celery.Backend.SupportsChords)
            throw new UnsupportedOperationException(CeleryMessages.RpcNoChords);
        var groupId = Options.TaskId ?? Kombu.Utils.Uuids.New();
        var body = Body.Freeze(celery);
        var header = new Group(Header.Tasks, new TaskOptions { TaskId = groupId, Chord = body, RootId = Options.RootId }, celery);
        var headerResult = await header.SendAsync(celery, cancellationToken).ConfigureAwait(false);
        return new AsyncResult(body.Options.TaskId!, celery, headerResult);
    }
}
