using System.Diagnostics;
using Kombu.Celery;
using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Celery;

/// <summary>
/// Kombu.Celery against real Celery 5.2.6, both ways: our client sends to a Python worker, Python's client sends to our
/// worker, Python inspects our worker and reads its events. One Python worker and one C# worker per fixture.
/// </summary>
public abstract class CeleryInteropTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private Process? _python;
    private CeleryApp? _workerApp;
    private Task? _run;

    /// <summary>The broker URL.</summary>
    protected abstract string BrokerUrl { get; }

    /// <summary>The result backend URL.</summary>
    protected abstract string BackendUrl { get; }

    /// <summary>The client app (ours).</summary>
    protected CeleryApp App { get; private set; } = null!;

    /// <summary>Our worker.</summary>
    protected CeleryWorker Worker { get; private set; } = null!;

    /// <summary>The queue the Python worker consumes.</summary>
    protected string PythonQueue { get; private set; } = "";

    /// <summary>The queue our worker consumes.</summary>
    protected string NetQueue { get; private set; } = "";

    /// <summary>Our worker's node name.</summary>
    protected string NetHost { get; private set; } = "";

    /// <summary>Fails unless the broker is reachable.</summary>
    protected abstract void RequireBroker();

    [OneTimeSetUp]
    public async Task StartWorkers()
    {
        RequireBroker();
        var tag = Guid.NewGuid().ToString("N")[..10];
        (PythonQueue, NetQueue, NetHost) = ($"kt-celery-{tag}.py", $"kt-celery-{tag}.net", $"net-{tag}@kombu");
        _python = CeleryPeers.StartWorker(BrokerUrl, BackendUrl, PythonQueue, $"py-{tag}@kombu");
        App = new CeleryApp(BrokerUrl, BackendUrl);
        _workerApp = new CeleryApp(BrokerUrl, BackendUrl);
        Worker = new CeleryWorker(_workerApp, new CeleryWorkerOptions
        {
            Hostname = NetHost,
            Queues = [NetQueue],
            Concurrency = 2,
            SendEvents = true,
            HeartbeatInterval = TimeSpan.FromSeconds(1),
        });
        Worker.Register("net.add", (long x, long y) => x + y)
            .Register("net.fail", (string message) => Fail(message))
            .Register("net.stamp", () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0)
            .Register("net.flaky", (long times, TaskContext request) =>
                request.Retries < times ? throw request.Retry(TimeSpan.FromMilliseconds(100)) : request.Retries);
        _run = Worker.RunAsync(_stop.Token);
        await Worker.Started.WaitAsync(Wait);
    }

    [OneTimeTearDown]
    public async Task StopWorkers()
    {
        CeleryPeers.Stop(_python);
        _python?.Dispose();
        await _stop.CancelAsync();
        if (_run is not null)
            await _run.WaitAsync(Wait);
        await using (var connection = new Connection(BrokerUrl))
        {
            foreach (var queue in new[] { PythonQueue, NetQueue })
            {
                await connection.DefaultChannel.QueueDeleteAsync(queue);
                await connection.DefaultChannel.ExchangeDeleteAsync(queue);
            }
        }
        await App.DisposeAsync();
        if (_workerApp is not null)
            await _workerApp.DisposeAsync();
        await Worker.DisposeAsync();
        _stop.Dispose();
    }

    [Test]
    public void SendTask_Args_PythonWorkerReturnsTheSum() =>
        Assert.That(App.SendTask("interop.add", [2, 3], options: ToPython).Get(Wait), Is.EqualTo(5L));

    [Test]
    public void SendTask_Traced_PythonWorkerRunsItWithTheTraceHeaders()
    {
        using var telemetry = new TelemetryCapture();

        Assert.That(App.SendTask("interop.add", [20, 3], options: ToPython).Get(Wait), Is.EqualTo(23L));
        Assert.That(telemetry.Stopped.Count(a => a.Kind == ActivityKind.Producer), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void SendTask_Kwargs_BoundByName() =>
        Assert.That(App.SendTask("interop.add", [1], new Dictionary<string, object?> { ["y"] = 2 }, ToPython).Get(Wait), Is.EqualTo(3L));

    [Test]
    public void SendTask_Protocol1_PythonWorkerRunsIt() =>
        Assert.That(App.SendTask("interop.add", [3, 4], options: ToPython with { Protocol = 1 }).Get(Wait), Is.EqualTo(7L));

    [Test]
    public void SendTask_PythonTaskRaises_GetThrowsRemoteTypeAndMessage()
    {
        var result = App.SendTask("interop.fail", ["boom"], options: ToPython);

        var error = Assert.Throws<CeleryTaskException>(() => result.Get(Wait))!;
        Assert.That((error.ExceptionType, error.ExceptionModule, error.ExceptionMessage, error.State),
            Is.EqualTo(("ValueError", "builtins", "boom", States.Failure)));
        Assert.That(error.RemoteTraceback, Does.Contain("ValueError: boom"));
        Assert.That(result.State, Is.EqualTo(States.Failure));
    }

    [Test]
    public void SendTask_Countdown_PythonWorkerRunsItNoEarlier()
    {
        var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var ran = App.CreateSignature<double>("interop.stamp", options: ToPython with { Countdown = TimeSpan.FromSeconds(1.5) }).Send().Get(Wait);

        Assert.That(ran, Is.GreaterThanOrEqualTo(sent + 1.4));
    }

    [Test]
    public void SendTask_AlreadyExpired_PythonWorkerRevokesIt()
    {
        var result = App.SendTask("interop.add", [1, 1], options: ToPython with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-5) });

        var error = Assert.Throws<CeleryTaskException>(() => result.Get(Wait))!;
        Assert.That((error.State, error.ExceptionType, error.ExceptionMessage), Is.EqualTo((States.Revoked, "TaskRevokedError", "expired")));
    }

    [Test]
    public void SendTask_PythonTaskRetries_ResultAfterTheRetries() =>
        Assert.That(App.SendTask("interop.flaky", [2], options: ToPython).Get(Wait), Is.EqualTo(2L));

    [Test]
    public void Chain_PythonWorker_EachStepGetsThePreviousResult()
    {
        var result = new Chain(Add(2, 3), Add(4), Add(10)).Send(App);

        Assert.That(result.Get(Wait), Is.EqualTo(19L));
        Assert.That(result.Parent!.Get(Wait), Is.EqualTo(9L));
        Assert.That(result.Parent.Parent!.Get(Wait), Is.EqualTo(5L));
    }

    [Test]
    public void Group_PythonWorker_ResultsInGroupOrder()
    {
        var result = new Group(Add(1, 1), Add(2, 2), Add(3, 3)).Send(App);

        Assert.That(result.Get(Wait), Is.EqualTo(new List<object?> { 2L, 4L, 6L }));
        Assert.That(result.Results, Has.Count.EqualTo(3));
    }

    [Test]
    public void PythonClient_OurWorker_PythonReadsTheResult() =>
        Assert.That(Python("send", "net.add", "[2, 3]", "--queue", NetQueue).Last(), Is.EqualTo(Map("result", 5L)));

    [Test]
    public void PythonClient_Protocol1_OurWorkerRunsIt() =>
        Assert.That(Python("send", "net.add", "[4, 5]", "--queue", NetQueue, "--protocol", "1").Last(), Is.EqualTo(Map("result", 9L)));

    [Test]
    public void PythonClient_OurHandlerThrows_PythonGetRaisesWithTheMessage()
    {
        var error = (IDictionary<string, object?>)((IDictionary<string, object?>)Python("send", "net.fail", "[\"boom\"]", "--queue", NetQueue).Last()!)["error"]!;

        Assert.That((error["type"], error["message"], error["state"]), Is.EqualTo(("ArgumentException", "boom", "FAILURE")));
    }

    [Test]
    public void PythonClient_OurHandlerRetries_PythonGetsTheFinalResult() =>
        Assert.That(Python("send", "net.flaky", "[2]", "--queue", NetQueue).Last(), Is.EqualTo(Map("result", 2L)));

    [Test]
    public void PythonClient_Countdown_OurWorkerHoldsTheTaskUntilItsEta()
    {
        var lines = Python("send", "net.stamp", "[]", "--queue", NetQueue, "--countdown", "1.5");
        var before = Convert.ToDouble(((IDictionary<string, object?>)lines[0]!)["before"]);
        var ran = Convert.ToDouble(((IDictionary<string, object?>)lines[1]!)["result"]);

        Assert.That(ran, Is.GreaterThanOrEqualTo(before + 1.45));
    }

    [Test]
    public void PythonRevoke_ThenSend_OurWorkerStoresRevoked()
    {
        var id = Guid.NewGuid().ToString();
        Python("revoke", id);
        WaitUntil(() => Worker.RevokedIds.Contains(id), "our worker never got the revoke");

        var error = (IDictionary<string, object?>)((IDictionary<string, object?>)Python("send", "net.add", "[1, 2]", "--queue", NetQueue, "--task-id", id).Last()!)["error"]!;

        Assert.That((error["type"], error["message"], error["state"]), Is.EqualTo(("TaskRevokedError", "revoked", "REVOKED")));
    }

    [Test]
    public void PythonInspectPing_OurWorker_AnswersPong() =>
        Assert.That(Python("inspect", "ping", NetHost).Single(), Is.EqualTo(Map(NetHost, Map("ok", "pong"))));

    [Test]
    public void PythonInspectRegistered_OurWorker_ListsItsTasks() =>
        Assert.That(Python("inspect", "registered", NetHost).Single(),
            Is.EqualTo(Map(NetHost, new List<object?> { "net.add", "net.fail", "net.flaky", "net.stamp" })));

    [Test]
    public void OurClient_UnknownTaskOnOurWorker_FailsWithNotRegistered()
    {
        var error = Assert.Throws<CeleryTaskException>(() => App.SendTask("net.missing", options: ToNet).Get(Wait))!;

        Assert.That((error.ExceptionType, error.ExceptionMessage), Is.EqualTo(("NotRegistered", "net.missing")));
    }

    [Test]
    public void PythonEventReceiver_ReadsOurWorkersTaskEvents()
    {
        var id = Guid.NewGuid().ToString();
        using var receiver = CeleryPeers.Start(BrokerUrl, BackendUrl, "events", NetHost, id, "--timeout", "30");
        var lines = new List<string>();
        while (receiver.StandardOutput.ReadLine() is { } line && line != "ready")
            lines.Add(line);

        Assert.That(App.SendTask("net.add", [20, 22], options: ToNet with { TaskId = id }).Get(Wait), Is.EqualTo(42L));
        lines.AddRange(receiver.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        receiver.WaitForExit();
        var events = lines.Select(line => (IDictionary<string, object?>)KombuJson.Deserialize(line)!).ToList();

        var ours = events.Where(e => e.TryGetValue("uuid", out var u) && (string?)u == id).ToList();
        Assert.That(ours.Select(e => e["type"]), Is.EqualTo(new[] { "task-received", "task-started", "task-succeeded" }),
            string.Join("\n", lines));
        Assert.That((ours[0]["name"], ours[0]["args"], ours[2]["result"]), Is.EqualTo(("net.add", "(20, 22)", "42")));
        Assert.That(ours.All(e => (string?)e["hostname"] == NetHost && e.ContainsKey("clock") && e.ContainsKey("timestamp")), Is.True);
        Assert.That(receiver.ExitCode, Is.Zero);
    }

    /// <summary>Options that send to the Python worker's queue.</summary>
    protected TaskOptions ToPython => new() { Queue = PythonQueue };

    /// <summary>Options that send to our worker's queue.</summary>
    protected TaskOptions ToNet => new() { Queue = NetQueue };

    /// <summary>A signature of <c>interop.add</c> for the Python worker.</summary>
    protected Signature Add(params object?[] args) => App.CreateSignature("interop.add", args, options: ToPython);

    /// <summary>Runs a <c>celery_app.py</c> command.</summary>
    protected List<object?> Python(params string[] args) => CeleryPeers.Run(BrokerUrl, BackendUrl, args);

    /// <summary>A one-entry map.</summary>
    protected static Dictionary<string, object?> Map(string key, object? value) => new() { [key] = value };

    private static object Fail(string message) => throw new ArgumentException(message);

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail(what);
            Thread.Sleep(20);
        }
    }
}
