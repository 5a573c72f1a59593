using Kombu.Celery;
using Kombu.Celery.Hosting;

namespace Kombu.Tests.Celery;

/// <summary>Worker behaviour on memory:// with the rpc:// backend: binding, limits, retries, acks, rejection and stopping.</summary>
[Category("Unit")]
public sealed class CeleryWorkerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly List<IAsyncDisposable> _disposables = [];
    private readonly List<(CancellationTokenSource Stop, Task Run)> _workers = [];
    private string _queue = "";

    [SetUp]
    public void NameQueue() => _queue = $"celery-{Guid.NewGuid():N}";

    [TearDown]
    public async Task StopAll()
    {
        foreach (var (stop, run) in _workers)
        {
            await stop.CancelAsync();
            await run.WaitAsync(Wait);
            stop.Dispose();
        }
        _workers.Clear();
        foreach (var disposable in Enumerable.Reverse(_disposables))
            await disposable.DisposeAsync();
        _disposables.Clear();
    }

    [Test]
    public async Task Register_TypedParameters_BoundFromArgsAndKwargsByName()
    {
        var client = await StartAsync(w => w.Register("t.describe", (string name, int count, double ratio = 0.5, bool loud = false) =>
            $"{name}:{count}:{ratio}:{loud}"));

        var result = await client.SendTaskAsync("t.describe", ["x"], new Dictionary<string, object?> { ["count"] = 3L, ["loud"] = true }, To);

        Assert.That(await result.GetAsync(Wait), Is.EqualTo("x:3:0.5:True"));
    }

    [Test]
    public async Task Register_MissingArgument_StoredAsTypeError()
    {
        var client = await StartAsync(w => w.Register("t.add", (long x, long y) => x + y));

        var error = (await Assert.ThrowsAsync<CeleryTaskException>(async () => await (await client.SendTaskAsync("t.add", [1], options: To)).GetAsync(Wait)))!;

        Assert.That((error.ExceptionType, error.ExceptionModule), Is.EqualTo(("TypeError", "builtins")));
        Assert.That(error.ExceptionMessage, Does.Contain("missing required argument: 'y'"));
    }

    [Test]
    public async Task Register_IllTypedArgument_StoredAsTypeError()
    {
        var client = await StartAsync(w => w.Register("t.add", (long x, long y) => x + y));

        var error = (await Assert.ThrowsAsync<CeleryTaskException>(async () => await (await client.SendTaskAsync("t.add", [1, "two"], options: To)).GetAsync(Wait)))!;

        Assert.That((error.ExceptionType, error.ExceptionMessage), Is.EqualTo(("TypeError", error.ExceptionMessage)));
        Assert.That(error.ExceptionMessage, Does.Contain("argument 'y' cannot be read as Int64"));
    }

    [Test]
    public async Task AsyncHandler_ReturnsTaskOfT_ResultIsTheAwaitedValue()
    {
        var client = await StartAsync(w => w.Register("t.async", async (long x) =>
        {
            await Task.Yield();
            return new Dictionary<string, object?> { ["double"] = x * 2 };
        }));

        var value = await (await client.SendTaskAsync("t.async", [21], options: To)).GetAsync(Wait);

        Assert.That(value, Is.EqualTo(new Dictionary<string, object?> { ["double"] = 42L }));
    }

    [Test]
    public async Task Serializer_MsgpackAndZlib_RunWhenAccepted()
    {
        var options = new CeleryOptions { AcceptContent = ["json", "msgpack"] };
        var client = await StartAsync(w => w.Register("t.echo", (string text) => text + "!"), options: options);

        var result = await client.SendTaskAsync("t.echo", ["hi"], options: To with { Serializer = "msgpack", Compression = "zlib" });

        Assert.That(await result.GetAsync(Wait), Is.EqualTo("hi!"));
    }

    [Test]
    public async Task Serializer_NotAccepted_MessageRejectedWithoutRunning()
    {
        var calls = new List<string>();
        var client = await StartAsync(w => w.Register("t.echo", (string text) =>
        {
            lock (calls)
                calls.Add(text);
            return text;
        }));

        await client.SendTaskAsync("t.echo", ["msgpack"], options: To with { Serializer = "msgpack" });
        var json = await (await client.SendTaskAsync("t.echo", ["json"], options: To)).GetAsync(Wait);
        await using var connection = new Connection("memory://");
        var left = new Queue(_queue).Bind(connection.DefaultChannel).QueueDeclare(passive: true).MessageCount;

        Assert.That((json, calls.Single(), left), Is.EqualTo(("json", "json", 0)));
    }

    [Test]
    public async Task SoftTimeLimit_CancelsTheToken_StoredAsSoftTimeLimitExceeded()
    {
        var client = await StartAsync(w => w.Register("t.slow", async (CancellationToken token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return 1;
        }));

        var result = await client.SendTaskAsync("t.slow", options: To with { SoftTimeLimit = TimeSpan.FromMilliseconds(200) });
        var error = (await Assert.ThrowsAsync<CeleryTaskException>(async () => await result.GetAsync(Wait)))!;

        Assert.That((error.ExceptionType, error.ExceptionModule), Is.EqualTo(("SoftTimeLimitExceeded", "billiard.exceptions")));
    }

    [Test]
    public async Task HardTimeLimit_HandlerIgnoresToken_StoredAsTimeLimitExceeded()
    {
        using var release = new ManualResetEventSlim();
        var client = await StartAsync(w => w.Register("t.stuck", () => release.Wait(Wait), new TaskSettings { TimeLimit = TimeSpan.FromMilliseconds(300) }));

        var result = await client.SendTaskAsync("t.stuck", options: To);
        var error = (await Assert.ThrowsAsync<CeleryTaskException>(async () => await result.GetAsync(Wait)))!;
        release.Set();

        Assert.That((error.ExceptionType, error.ExceptionMessage), Is.EqualTo(("TimeLimitExceeded", "0.3")));
    }

    [Test]
    public async Task Retry_BeyondMaxRetries_FailsWithTheCause()
    {
        var calls = 0;
        var client = await StartAsync(w => w.Register("t.flaky", (TaskContext request) =>
        {
            Interlocked.Increment(ref calls);
            throw request.Retry(TimeSpan.Zero, new TimeoutException("remote down"));
        }, new TaskSettings { MaxRetries = 2 }));

        var error = (await Assert.ThrowsAsync<CeleryTaskException>(async () => await (await client.SendTaskAsync("t.flaky", options: To)).GetAsync(Wait)))!;

        Assert.That((error.ExceptionType, error.ExceptionMessage, calls), Is.EqualTo(("TimeoutException", "remote down", 3)));
    }

    [Test]
    public async Task Expires_InThePast_StoredAsRevokedWithoutRunning()
    {
        var ran = false;
        var client = await StartAsync(w => w.Register("t.never", () => ran = true));

        var result = await client.SendTaskAsync("t.never", options: To with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) });
        var error = (await Assert.ThrowsAsync<CeleryTaskException>(async () => await result.GetAsync(Wait)))!;

        Assert.That((error.State, error.ExceptionType, error.ExceptionMessage, ran), Is.EqualTo((States.Revoked, "TaskRevokedError", "expired", false)));
    }

    [Test]
    public async Task UnknownTask_RejectedNotRequeued_StoredAsNotRegistered()
    {
        var client = await StartAsync(_ => { });

        var error = (await Assert.ThrowsAsync<CeleryTaskException>(async () => await (await client.SendTaskAsync("t.nobody", options: To)).GetAsync(Wait)))!;
        await using var connection = new Connection("memory://");
        var left = new Queue(_queue).Bind(connection.DefaultChannel).QueueDeclare(passive: true).MessageCount;

        Assert.That((error.ExceptionType, error.ExceptionModule, left), Is.EqualTo(("NotRegistered", "celery.exceptions", 0)));
    }

    [Test]
    public async Task Stop_WhileRunning_FinishesTheTaskAndGivesReservedOnesBack()
    {
        using var started = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var worker = default(CeleryWorker);
        var client = await StartAsync(w =>
        {
            worker = w;
            w.Register("t.block", async () =>
            {
                started.Release();
                await release.WaitAsync(Wait);
                return "done";
            });
        }, concurrency: 1);
        var first = await client.SendTaskAsync("t.block", options: To);
        await client.SendTaskAsync("t.block", options: To);
        await client.SendTaskAsync("t.block", options: To);
        Assert.That(await started.WaitAsync(Wait), Is.True);
        await WaitUntilAsync(() => worker!.ReservedRequests.Count == 2);

        worker!.Stop();
        release.Release();
        await _workers[0].Run.WaitAsync(Wait);
        await using var connection = new Connection("memory://");
        var left = new Queue(_queue).Bind(connection.DefaultChannel).QueueDeclare(passive: true).MessageCount;

        Assert.That((await first.GetAsync(Wait), left), Is.EqualTo(("done", 2)));
    }

    [TestCase(true, "STARTED", TestName = "TrackStarted_WhileRunning_StateIsStarted")]
    [TestCase(false, "PENDING", TestName = "TrackStartedOff_WhileRunning_StateStaysPending")]
    public async Task RunningTask_State_FollowsTrackStarted(bool trackStarted, string whileRunning)
    {
        using var started = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var client = await StartAsync(w => w.Register("t.block", async () =>
        {
            started.Release();
            await release.WaitAsync(Wait);
            return "done";
        }), trackStarted: trackStarted);
        var result = await client.SendTaskAsync("t.block", options: To);
        Assert.That(await started.WaitAsync(Wait), Is.True, "the task did not start");

        var state = await result.GetStateAsync();
        if (trackStarted)
        {
            // The STARTED reply is sent just before the handler runs: it may reach the client a moment later.
            var deadline = DateTime.UtcNow + Wait;
            while (state != whileRunning && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
                state = await result.GetStateAsync();
            }
        }
        release.Release();

        Assert.That((state, await result.GetAsync(Wait)), Is.EqualTo((whileRunning, (object)"done")));
    }

    [Test]
    public async Task Concurrency_TwoSlots_RunTwoTasksAtOnce()
    {
        var running = 0;
        var peak = 0;
        using var both = new SemaphoreSlim(0);
        var client = await StartAsync(w => w.Register("t.overlap", async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            if (now == 2)
                both.Release(2);
            await both.WaitAsync(Wait);
            Interlocked.Decrement(ref running);
            return now;
        }), concurrency: 2);

        var a = await client.SendTaskAsync("t.overlap", options: To);
        var b = await client.SendTaskAsync("t.overlap", options: To);
        await Task.WhenAll(a.GetAsync(Wait).AsTask(), b.GetAsync(Wait).AsTask());

        Assert.That(peak, Is.EqualTo(2));
    }

    [Test]
    public async Task RemoteControl_PingAndRevoke_AnsweredByOurWorker()
    {
        var worker = default(CeleryWorker);
        var client = await StartAsync(w => worker = w.Register("t.noop", () => 0), hostname: "w1@test");

        var pongs = await client.Control.InspectAsync("ping", TimeSpan.FromSeconds(2));
        await client.Control.RevokeAsync(["abc"]);
        await WaitUntilAsync(() => worker!.RevokedIds.Contains("abc"));

        Assert.That(pongs, Does.Contain(new Dictionary<string, object?> { ["w1@test"] = new Dictionary<string, object?> { ["ok"] = "pong" } }));
    }

    [Test]
    public async Task RemoteControl_StatsThenShutdown_WorkerStops()
    {
        var client = await StartAsync(w => w.Register("t.noop", () => 0), hostname: "w2@test");
        Assert.That(await (await client.SendTaskAsync("t.noop", options: To)).GetAsync(Wait), Is.EqualTo(0L));

        var stats = (IDictionary<string, object?>)((IDictionary<string, object?>)(await client.Control.InspectAsync("stats", TimeSpan.FromSeconds(2)))
            .Single(r => ((IDictionary<string, object?>)r!).ContainsKey("w2@test"))!)["w2@test"]!;
        await client.Control.ShutdownAsync(["w2@test"]);

        Assert.That(stats["total"], Is.EqualTo(new Dictionary<string, object?> { ["t.noop"] = 1L }));
        Assert.That(_workers[0].Run.Wait(Wait), Is.True, "the worker did not stop on a remote shutdown");
    }

    [Test]
    public async Task HostedService_StartAndStop_RunsTheWorker()
    {
        var client = Track(new CeleryApp("memory://", "rpc://"));
        var worker = new CeleryWorker(Track(new CeleryApp("memory://", "rpc://")), new CeleryWorkerOptions { Queues = [_queue], Hostname = "hosted@test" })
            .Register("t.echo", (string text) => text);
        var service = new CeleryWorkerService(worker);

        await service.StartAsync(CancellationToken.None);
        await worker.Started.WaitAsync(Wait);
        var value = await (await client.SendTaskAsync("t.echo", ["hi"], options: To)).GetAsync(Wait);
        await service.StopAsync(CancellationToken.None);

        Assert.That((value, service.ExecuteTask!.IsCompletedSuccessfully), Is.EqualTo(("hi", true)));
    }

    private TaskOptions To => new() { Queue = _queue };

    private async Task<CeleryApp> StartAsync(Action<CeleryWorker> register, int concurrency = 2, string? hostname = null,
        CeleryOptions? options = null, bool trackStarted = false)
    {
        var client = Track(new CeleryApp("memory://", "rpc://", options));
        var worker = new CeleryWorker(Track(new CeleryApp("memory://", "rpc://", options)), new CeleryWorkerOptions
        {
            Queues = [_queue],
            Concurrency = concurrency,
            Hostname = hostname ?? $"w-{_queue}@test",
            TrackStarted = trackStarted,
        });
        register(worker);
        var stop = new CancellationTokenSource();
        _workers.Add((stop, worker.RunAsync(stop.Token)));
        await worker.Started.WaitAsync(Wait);
        return client;
    }

    private T Track<T>(T disposable) where T : IAsyncDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The condition was not met in time.");
            await Task.Delay(10);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
