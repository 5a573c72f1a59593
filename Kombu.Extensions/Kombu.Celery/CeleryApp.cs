using Kombu.Celery.Backends;
using Kombu.Celery.Wire;
using Kombu.Clocks;
using Kombu.Utils;
using Microsoft.Extensions.Logging;

namespace Kombu.Celery;

/// <summary>A Celery application: the broker, the result backend and Celery's defaults; sends tasks and reads results.</summary>
/// <remarks>
/// Celery's <c>celery.Celery</c>. Tasks go to the anonymous exchange with the queue name as routing key (the queue is
/// declared first), in protocol 2 unless asked otherwise. Publishing uses a connection of its own, cloned from
/// <see cref="Connection"/>; rpc:// results and remote control use others.
/// </remarks>
public sealed class CeleryApp : IDisposable, IAsyncDisposable
{
    private readonly bool _ownsConnection;
    private readonly Lazy<ResultBackend> _backend;
    private readonly Lazy<TaskPublisher> _publisher;

    /// <summary>Creates an app for a broker URL.</summary>
    /// <param name="broker">The broker URL, such as <c>amqp://guest:guest@localhost//</c> or <c>redis://localhost:6379/0</c>.</param>
    /// <param name="backend">The result backend URL: <c>rpc://</c>, <c>redis://host:6379/1</c>, or <see langword="null"/> for none.</param>
    /// <param name="options">Settings; Celery's defaults when <see langword="null"/>.</param>
    public CeleryApp(string broker, string? backend = null, CeleryOptions? options = null)
        : this(new Connection(broker, loggerFactory: options?.LoggerFactory), backend, options, ownsConnection: true)
    {
    }

    /// <summary>Creates an app on a connection (used as a template: the app connects clones of it).</summary>
    /// <param name="connection">The broker connection; the caller keeps and disposes it.</param>
    /// <param name="backend">The result backend URL, or <see langword="null"/> for none.</param>
    /// <param name="options">Settings; Celery's defaults when <see langword="null"/>.</param>
    public CeleryApp(Connection connection, string? backend = null, CeleryOptions? options = null)
        : this(connection, backend, options, ownsConnection: false)
    {
    }

    private CeleryApp(Connection connection, string? backend, CeleryOptions? options, bool ownsConnection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Conf = options ?? new CeleryOptions();
        BackendUrl = backend;
        _ownsConnection = ownsConnection;
        LoggerFactory = Conf.LoggerFactory ?? connection.LoggerFactory;
        Oid = Kombu.Utils.Uuids.New();
        Origin = $"gen{Environment.ProcessId}@{Environment.MachineName}";
        Control = new CeleryControl(this);
        _backend = new Lazy<ResultBackend>(() => ResultBackends.Create(backend, this));
        _publisher = new Lazy<TaskPublisher>(() => new TaskPublisher(Connection));
    }

    /// <summary>The broker connection the app clones its connections from.</summary>
    public Connection Connection { get; }

    /// <summary>The settings.</summary>
    public CeleryOptions Conf { get; }

    /// <summary>The result backend URL given, if any.</summary>
    public string? BackendUrl { get; }

    /// <summary>The result backend (a <see cref="DisabledBackend"/> when none was given), created on first use.</summary>
    public ResultBackend Backend => _backend.Value;

    /// <summary>This client's id: the default <c>reply_to</c> of its tasks and the name of its rpc:// reply queue.</summary>
    /// <remarks>Celery's <c>app.thread_oid</c>; one per app here.</remarks>
    public string Oid { get; }

    /// <summary>The <c>origin</c> header of sent tasks: <c>gen&lt;pid&gt;@&lt;host&gt;</c>.</summary>
    public string Origin { get; }

    /// <summary>The app's Lamport clock, shared by remote control and events.</summary>
    public LamportClock Clock { get; } = new();

    /// <summary>Remote control of the workers.</summary>
    public CeleryControl Control { get; }

    /// <summary>Where the app logs.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The shared producer of tasks, results and events.</summary>
    internal TaskPublisher Publisher => _publisher.Value;

    /// <summary>Sends a task by name and returns its result handle.</summary>
    /// <param name="name">The registered task name, such as <c>tasks.add</c>.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <param name="options">Send options (queue, countdown, eta, expires, priority, ids, links…).</param>
    /// <returns>The result handle.</returns>
    /// <remarks>Celery's <c>app.send_task</c>.</remarks>
    public AsyncResult SendTask(string name, IEnumerable<object?>? args = null, IDictionary<string, object?>? kwargs = null,
        TaskOptions? options = null) => SyncOverAsync.Wait(SendTaskAsync(name, args, kwargs, options));

    /// <inheritdoc cref="SendTask"/>
    /// <param name="name">The registered task name.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <param name="options">Send options.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public ValueTask<AsyncResult> SendTaskAsync(string name, IEnumerable<object?>? args = null,
        IDictionary<string, object?>? kwargs = null, TaskOptions? options = null, CancellationToken cancellationToken = default) =>
        SendTaskCoreAsync(name, args, kwargs, options, prepareBackend: true, cancellationToken);

    /// <summary>Sends a task; <paramref name="prepareBackend"/> is false when a worker resends (retries, callbacks) for another client.</summary>
    internal async ValueTask<AsyncResult> SendTaskCoreAsync(string name, IEnumerable<object?>? args, IDictionary<string, object?>? kwargs,
        TaskOptions? options, bool prepareBackend, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var o = options ?? new TaskOptions();
        var id = o.TaskId ?? Kombu.Utils.Uuids.New();
        var protocol = o.Protocol ?? Conf.TaskProtocol;
        if (protocol is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(options), CeleryMessages.BadProtocol(protocol));
        if (prepareBackend && !o.IgnoreResult && Backend is not DisabledBackend)
            await Backend.OnTaskCallAsync(id, cancellationToken).ConfigureAwait(false);
        var message = TaskMessages.Build(this, name, id, [.. args ?? []], kwargs ?? new Dictionary<string, object?>(), o, protocol);
        await PublishTaskAsync(message, id, o, cancellationToken).ConfigureAwait(false);
        return new AsyncResult(id, this);
    }

    /// <summary>A signature bound to this app.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <param name="options">Send options.</param>
    /// <param name="immutable">Ignore the parent's result in workflows.</param>
    /// <returns>The signature.</returns>
    /// <remarks>Celery's <c>app.signature</c>.</remarks>
    public Signature CreateSignature(string name, IEnumerable<object?>? args = null, IDictionary<string, object?>? kwargs = null,
        TaskOptions? options = null, bool immutable = false) => new(name, args, kwargs, options, immutable, this);

    /// <summary>A typed signature bound to this app.</summary>
    /// <typeparam name="TResult">The task's return type.</typeparam>
    /// <param name="name">The task name.</param>
    /// <param name="args">Positional arguments.</param>
    /// <param name="kwargs">Keyword arguments.</param>
    /// <param name="options">Send options.</param>
    /// <returns>The signature.</returns>
    public Signature<TResult> CreateSignature<TResult>(string name, IEnumerable<object?>? args = null,
        IDictionary<string, object?>? kwargs = null, TaskOptions? options = null) => new(name, args, kwargs, options, app: this);

    /// <summary>A handle on a task sent earlier, by id.</summary>
    /// <param name="id">The task id.</param>
    /// <returns>The handle.</returns>
    /// <remarks>Celery's <c>app.AsyncResult(id)</c>.</remarks>
    public AsyncResult CreateAsyncResult(string id) => new(id, this);

    /// <inheritdoc/>
    public void Dispose() => SyncOverAsync.Wait(DisposeAsync());

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_backend.IsValueCreated)
            await _backend.Value.DisposeAsync().ConfigureAwait(false);
        if (_publisher.IsValueCreated)
            await _publisher.Value.DisposeAsync().ConfigureAwait(false);
        if (_ownsConnection)
            await Connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The queue Celery creates for a queue name: bound to a direct exchange of the same name.</summary>
    /// <param name="name">The queue name.</param>
    /// <returns>The queue.</returns>
    internal Queue TaskQueue(string name)
    {
        var isDefault = name == Conf.DefaultQueue;
        var exchange = new Exchange(isDefault ? Conf.DefaultExchange ?? name : name, isDefault ? Conf.DefaultExchangeType : "direct");
        return new Queue(name, exchange, isDefault ? Conf.DefaultRoutingKey ?? name : name);
    }

    private ValueTask PublishTaskAsync(OutgoingTask message, string id, TaskOptions o, CancellationToken cancellationToken)
    {
        var queue = TaskQueue(o.Queue ?? Conf.DefaultQueue);
        string exchange, routingKey;
        if (o.Exchange is null || o.RoutingKey is null)
        {
            (exchange, routingKey) = o.Exchange is null && queue.Exchange?.Type == "direct"
                ? ("", queue.Name)
                : (o.Exchange ?? queue.Exchange?.Name ?? "", o.RoutingKey ?? queue.RoutingKey);
        }
        else
        {
            (exchange, routingKey) = (o.Exchange, o.RoutingKey);
        }

        var declare = o.Exchange is null || o.Queue is not null ? new[] { queue } : null;
        return Publisher.RunAsync(producer => producer.PublishAsync(message.Body, routingKey: routingKey, exchange: exchange,
            serializer: o.Serializer ?? Conf.TaskSerializer, compression: o.Compression ?? Conf.TaskCompression,
            headers: message.Headers, priority: o.Priority ?? 0, deliveryMode: 2, correlationId: id,
            replyTo: message.ReplyTo, retry: Conf.TaskPublishRetry, retryPolicy: Conf.TaskPublishRetryPolicy,
            declare: declare, cancellationToken: cancellationToken), cancellationToken);
    }
}
