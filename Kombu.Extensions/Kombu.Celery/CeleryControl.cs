using Kombu.Pidbox;
using Kombu.Utils;

namespace Kombu.Celery;

/// <summary>Celery's remote control: broadcast commands to workers on the <c>celery</c> mailbox and collect their replies.</summary>
/// <remarks>Celery's <c>app.control</c> and <c>app.control.inspect()</c>. Each call uses a connection of its own.</remarks>
public sealed class CeleryControl
{
    private readonly CeleryApp _app;

    internal CeleryControl(CeleryApp app)
    {
        _app = app;
        Mailbox = CreateMailbox(app);
    }

    /// <summary>The unbound mailbox: <c>celery.pidbox</c> (fanout), replies on <c>reply.celery.pidbox</c>.</summary>
    public Mailbox Mailbox { get; }

    /// <summary>Sends a command to every worker (or <paramref name="destination"/>) and, with <paramref name="reply"/>, collects replies.</summary>
    /// <param name="command">The command, such as <c>ping</c>.</param>
    /// <param name="arguments">Its keyword arguments.</param>
    /// <param name="destination">Node names to address; every node when <see langword="null"/>.</param>
    /// <param name="reply">Wait for replies.</param>
    /// <param name="timeout">How long to wait for each reply (default 1 s).</param>
    /// <param name="limit">Stop after this many replies.</param>
    /// <returns>The replies, each <c>{hostname: result}</c>; empty without <paramref name="reply"/>.</returns>
    public IReadOnlyList<object?> Broadcast(string command, IDictionary<string, object?>? arguments = null,
        IEnumerable<string>? destination = null, bool reply = false, TimeSpan? timeout = null, int? limit = null) =>
        SyncOverAsync.Wait(BroadcastAsync(command, arguments, destination, reply, timeout, limit));

    /// <inheritdoc cref="Broadcast"/>
    /// <param name="command">The command.</param>
    /// <param name="arguments">Its keyword arguments.</param>
    /// <param name="destination">Node names to address.</param>
    /// <param name="reply">Wait for replies.</param>
    /// <param name="timeout">How long to wait for each reply.</param>
    /// <param name="limit">Stop after this many replies.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async ValueTask<IReadOnlyList<object?>> BroadcastAsync(string command, IDictionary<string, object?>? arguments = null,
        IEnumerable<string>? destination = null, bool reply = false, TimeSpan? timeout = null, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var connection = _app.Connection.Clone();
        await using (connection.ConfigureAwait(false))
        {
            await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var channel = await connection.CreateChannelAsync(cancellationToken).ConfigureAwait(false);
            var replies = await Mailbox.Bind(connection).BroadcastAsync(command, arguments, destination, reply,
                timeout ?? TimeSpan.FromSeconds(1), limit, channel: channel, cancellationToken: cancellationToken).ConfigureAwait(false);
            return replies ?? [];
        }
    }

    /// <summary>Asks workers to answer <c>{"ok": "pong"}</c> (Celery's <c>inspect().ping()</c>).</summary>
    /// <param name="timeout">How long to wait for each reply (default 1 s).</param>
    /// <returns>The replies.</returns>
    public IReadOnlyList<object?> Ping(TimeSpan? timeout = null) => Inspect("ping", timeout);

    /// <summary>Runs an inspect command (<c>ping</c>, <c>registered</c>, <c>active</c>, <c>stats</c>…) on every worker.</summary>
    /// <param name="method">The command.</param>
    /// <param name="timeout">How long to wait for each reply (default 1 s).</param>
    /// <returns>The replies, each <c>{hostname: result}</c>.</returns>
    public IReadOnlyList<object?> Inspect(string method, TimeSpan? timeout = null) => SyncOverAsync.Wait(InspectAsync(method, timeout));

    /// <inheritdoc cref="Inspect"/>
    /// <param name="method">The command.</param>
    /// <param name="timeout">How long to wait for each reply.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public ValueTask<IReadOnlyList<object?>> InspectAsync(string method, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        BroadcastAsync(method, null, null, reply: true, timeout, cancellationToken: cancellationToken);

    /// <summary>Tells every worker not to run these tasks; with <paramref name="terminate"/>, running ones are stopped too.</summary>
    /// <param name="taskIds">The task ids.</param>
    /// <param name="terminate">Also stop running tasks.</param>
    /// <param name="signal">Signal name for terminate (Python workers); default <c>SIGTERM</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the request is sent.</returns>
    public async ValueTask RevokeAsync(IReadOnlyList<string> taskIds, bool terminate = false, string? signal = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["task_id"] = taskIds.Count == 1 ? taskIds[0] : taskIds.ToList<object?>(),
            ["terminate"] = terminate,
            ["signal"] = signal ?? "SIGTERM",
        };
        await BroadcastAsync("revoke", arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks workers to shut down (Celery's <c>control.shutdown()</c>).</summary>
    /// <param name="destination">Node names; every worker when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the request is sent.</returns>
    public async ValueTask ShutdownAsync(IEnumerable<string>? destination = null, CancellationToken cancellationToken = default) =>
        await BroadcastAsync("shutdown", null, destination, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>The mailbox with Celery's settings: fanout, json, queue TTL 300 s, queue expiry 10 s.</summary>
    /// <param name="app">The app (namespace, serializer, accept list, clock).</param>
    /// <returns>The unbound mailbox.</returns>
    internal static Mailbox CreateMailbox(CeleryApp app) => new(app.Conf.ControlExchange, "fanout", options: new MailboxOptions
    {
        Serializer = app.Conf.TaskSerializer,
        Accept = app.Conf.AcceptContent,
        Clock = app.Clock,
        QueueTtl = TimeSpan.FromSeconds(300),
        ReplyQueueTtl = TimeSpan.FromSeconds(300),
        QueueExpires = TimeSpan.FromSeconds(10),
        ReplyQueueExpires = TimeSpan.FromSeconds(10),
    });
}
