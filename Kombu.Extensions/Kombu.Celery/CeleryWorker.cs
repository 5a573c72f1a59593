using System.Collections.Concurrent;
using System.Threading.Channels;
using Kombu.Celery.Events;
using Kombu.Celery.Worker;
using Kombu.Utils;
using Microsoft.Extensions.Logging;

namespace Kombu.Celery;

/// <summary>A Celery worker in C#: consumes task messages from Python (or .NET) senders and runs registered handlers.</summary>
/// <remarks>
/// Celery's worker (<c>celery worker</c>). Consumes protocol 2, 1 and hybrid messages; runs up to
/// <see cref="CeleryWorkerOptions.Concurrency"/> tasks at once with a prefetch window of concurrency × multiplier;
/// acknowledges when a task starts (or after it ran, with acks_late); holds eta/countdown tasks unacknowledged until
/// due; stores REVOKED for expired or revoked tasks; retries on <see cref="RetryException"/>; enforces time limits
/// through the handler's token; stores results Python's <c>AsyncResult.get()</c> reads; sends events with
/// <see cref="CeleryWorkerOptions.SendEvents"/>; answers remote control (<c>ping</c>, <c>stats</c>, <c>registered</c>,
/// <c>active</c>, <c>revoke</c>, <c>shutdown</c>…) on the <c>celery</c> mailbox; reconnects after connection loss.
/// Stopping is graceful: consuming stops, reserved tasks go back to the broker, running tasks finish.
/// </remarks>
public sealed partial class CeleryWorker : IAsyncDisposable
{
    private readonly Dictionary<string, TaskHandler> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TaskContext, byte> _reserved = new();
    private readonly ConcurrentDictionary<TaskContext, CancellationTokenSource> _active = new();
    private readonly ConcurrentDictionary<string, double> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly Channel<(Message Message, WorkerSession Session)> _incoming =
        Channel.CreateUnbounded<(Message, WorkerSession)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<(TaskContext Request, WorkerSession Session)> _ready =
        Channel.CreateUnbounded<(TaskContext, WorkerSession)>();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _qosGate = new(1, 1);
    private readonly ILogger _logger;
    private readonly DateTimeOffset _created = DateTimeOffset.UtcNow;
    private long _processed;
    private int _etaHeld;
    private int _running;
    private volatile bool _stopping;
    private CancellationToken _stopToken;

    /// <summary>Creates a worker for an app.</summary>
    /// <param name="app">The app: broker, result backend and settings.</param>
    /// <param name="options">Worker settings; Celery's defaults when <see langword="null"/>.</param>
    public CeleryWorker(CeleryApp app, CeleryWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        App = app;
        Options = options ?? new CeleryWorkerOptions();
        Queues = Options.Queues is { Count: > 0 } queues ? queues : [app.Conf.DefaultQueue];
        Events = new EventDispatcher(app, Options.Hostname, Options.SendEvents);
        _logger = app.LoggerFactory.CreateLogger<CeleryWorker>();
    }

    /// <summary>The app.</summary>
    public CeleryApp App { get; }

    /// <summary>The settings.</summary>
    public CeleryWorkerOptions Options { get; }

    /// <summary>The node name.</summary>
    public string Hostname => Options.Hostname;

    /// <summary>The queues consumed.</summary>
    public IReadOnlyList<string> Queues { get; }

    /// <summary>The event dispatcher (sends only with <see cref="CeleryWorkerOptions.SendEvents"/>).</summary>
    public EventDispatcher Events { get; }

    /// <summary>The registered task names, sorted.</summary>
    public IReadOnlyList<string> RegisteredTasks => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>How many tasks finished here.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>The requests running now.</summary>
    public IReadOnlyList<TaskContext> ActiveRequests => [.. _active.Keys];

    /// <summary>Completes when the worker consumes (its queues and control queue are declared and consumed).</summary>
    public Task Started => _started.Task;

    /// <summary>Raised after each task finished (succeeded, failed, retried or revoked), on the task's thread.</summary>
    public event Action<TaskOutcome>? TaskFinished;

    /// <summary>Registers a handler for a task name.</summary>
    /// <param name="name">The task name, such as <c>tasks.add</c>.</param>
    /// <param name="handler">Any delegate: its parameters are bound from the message's args and kwargs (plus
    /// <see cref="CancellationToken"/> and <see cref="TaskContext"/>); its return value (awaited if a task) is the result.</param>
    /// <param name="settings">Per-task settings (acks_late, retries, time limits…).</param>
    /// <returns>This worker.</returns>
    /// <exception cref="InvalidOperationException">The worker is running.</exception>
    public CeleryWorker Register(string name, Delegate handler, TaskSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        if (_started.Task.IsCompleted)
            throw new InvalidOperationException(CeleryMessages.WorkerRunning);
        _handlers[name] = new TaskHandler(name, handler, settings ?? new TaskSettings());
        return this;
    }

    /// <summary>Runs the worker until <paramref name="cancellationToken"/> is cancelled, <see cref="Stop"/> is called or a remote shutdown arrives.</summary>
    /// <param name="cancellationToken">Stops the worker gracefully when cancelled.</param>
    public void Run(CancellationToken cancellationToken = default) => SyncOverAsync.Wait(RunAsync(cancellationToken));

    /// <inheritdoc cref="Run"/>
    /// <param name="cancellationToken">Stops the worker gracefully when cancelled.</param>
    /// <returns>A task that completes when the worker has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        _stopToken = stop.Token;
        // Marked stopping inside Cancel itself, so once Stop() (or the caller's token) returns no reserved task starts: the
        // consume loop may notice the cancellation only later, on another thread, while a runner is free to take the next.
        using var stopping = stop.Token.Register(() => _stopping = true);
        var runners = Enumerable.Range(0, Options.Concurrency).Select(_ => Task.Run(RunnerAsync, CancellationToken.None)).ToList();
        var receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        var heartbeat = Options.SendEvents ? HeartbeatAsync(stop.Token) : Task.CompletedTask;
        try
        {
            await ConsumeAsync(stop.Token, receiving, runners).ConfigureAwait(false);
        }
        finally
        {
            _stopping = true;
            _incoming.Writer.TryComplete();
            await receiving.ConfigureAwait(false);
            _ready.Writer.TryComplete();
            await Task.WhenAll(runners).ConfigureAwait(false);
            await DrainBackgroundAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            await Events.SendAsync("worker-offline", EventDispatcher.WorkerFields(Options.HeartbeatInterval, 0, Processed))
                .ConfigureAwait(false);
            _started.TrySetCanceled(CancellationToken.None);
        }
    }

    /// <summary>Asks the worker to stop gracefully (what SIGTERM does to a Celery worker): running tasks finish, reserved ones go back.</summary>
    public void Stop() => _stop.Cancel();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _stop.Dispose();
        _qosGate.Dispose();
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Started.WaitAsync(cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(Options.HeartbeatInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await Events.SendAsync("worker-heartbeat", EventDispatcher.WorkerFields(Options.HeartbeatInterval, _active.Count, Processed),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Runs work started from a consumer callback (which must return at once), so shutdown can wait for it.
    private void Track(Func<Task> work)
    {
        var task = Task.Run(work);
        _background.TryAdd(task, 0);
        _ = task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
