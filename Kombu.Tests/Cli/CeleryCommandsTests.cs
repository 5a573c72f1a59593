using System.Diagnostics;
using Kombu.Celery;
using Kombu.Serialization;
using Kombu.Tests.Transports.Amqp;
using Kombu.Tests.Transports.Redis;

namespace Kombu.Tests.Cli;

/// <summary>`kombu celery send|worker|result|inspect`: output lines and exit codes, against a C# worker (memory://, RabbitMQ, Redis).</summary>
public sealed class CeleryCommandsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Send_Wait_PrintsIdThenSuccessLine()
    {
        await using var worker = await MemoryWorker.StartAsync();

        var result = CliRunner.Run("celery", "send", "--queue", worker.Queue, "--wait", "--timeout", "10", "kombu.add", "[2, 3]");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var id = (string)Line(result.Lines[0])["id"]!;
        Assert.That(result.Lines, Is.EqualTo(new[] { $$"""{"id": "{{id}}"}""", $$"""{"id": "{{id}}", "state": "SUCCESS", "result": 5}""" }));
    }

    [Test]
    public async Task Send_KwargsAndProtocol1_WorkerBindsThem()
    {
        await using var worker = await MemoryWorker.StartAsync();

        var result = CliRunner.Run("celery", "send", "--queue", worker.Queue, "--protocol", "1", "--kwargs", """{"value": {"a": [1, "b"]}}""",
            "--wait", "kombu.echo");

        Assert.That((result.ExitCode, Line(result.Lines[1])["result"]),
            Is.EqualTo((0, new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, "b" } })));
    }

    [Test]
    public async Task Send_TaskFails_PrintsFailureLineAndExits1()
    {
        await using var worker = await MemoryWorker.StartAsync();

        var result = CliRunner.Run("celery", "send", "--queue", worker.Queue, "--wait", "kombu.fail", """["boom"]""");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(Line(result.Lines[1])["exception"], Is.EqualTo(new Dictionary<string, object?> { ["type"] = "InvalidOperationException", ["message"] = "boom" }));
        Assert.That(Line(result.Lines[1])["state"], Is.EqualTo("FAILURE"));
    }

    [Test]
    public void Send_NoWorker_TimesOutWithExit1()
    {
        var result = CliRunner.Run("celery", "send", "--queue", $"celery-{Guid.NewGuid():N}", "--wait", "--timeout", "0.3", "kombu.add", "[1, 2]");

        Assert.That((result.ExitCode, result.Lines.Length), Is.EqualTo((1, 1)));
        Assert.That(result.Stderr, Does.Contain("timed out after 0.3 s"));
    }

    [Test]
    public void Send_WithoutWait_PrintsOnlyTheId()
    {
        var result = CliRunner.Run("celery", "send", "--queue", $"celery-{Guid.NewGuid():N}", "--countdown", "5", "--expires", "60", "--priority", "3", "kombu.echo", "[1]");

        Assert.That((result.ExitCode, result.Lines.Length, Line(result.Lines[0]).Keys.Single()), Is.EqualTo((0, 1, "id")));
    }

    [TestCase("celery", "send")]
    [TestCase("celery", "send", "kombu.add", "{\"x\": 1}")]
    [TestCase("celery", "send", "kombu.add", "[1", "--wait")]
    [TestCase("celery", "send", "--timeout", "5", "kombu.add")]
    [TestCase("celery", "send", "--protocol", "3", "kombu.add")]
    [TestCase("celery", "send", "--eta", "tomorrow", "kombu.add")]
    [TestCase("celery", "send", "--kwargs", "[1]", "kombu.add")]
    [TestCase("celery", "inspect", "stats")]
    [TestCase("celery", "inspect")]
    [TestCase("celery", "result")]
    [TestCase("celery", "worker", "--concurrency", "0")]
    [TestCase("celery")]
    [TestCase("celery", "frobnicate")]
    public void BadArguments_AreUsageErrors(params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.That((result.ExitCode, result.Stdout), Is.EqualTo((2, "")), result.Stderr);
    }

    [Test]
    public void Help_CeleryGroup_ListsItsFourCommands()
    {
        var result = CliRunner.Run("celery", "--help");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Lines.Where(l => l.StartsWith("  kombu celery ", StringComparison.Ordinal)).Select(l => l.Split(' ')[4]),
            Is.EqualTo(new[] { "send", "worker", "result", "inspect" }));
    }

    [Test]
    public async Task Inspect_Ping_PrintsOneLinePerWorker()
    {
        await using var worker = await MemoryWorker.StartAsync();

        var result = CliRunner.Run("celery", "inspect", "ping", "--timeout", "2");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Lines, Does.Contain($$$"""{"{{{worker.Hostname}}}": {"ok": "pong"}}"""));
    }

    [Test]
    public async Task Inspect_Registered_ListsTheBuiltinTasks()
    {
        await using var worker = await MemoryWorker.StartAsync();

        var result = CliRunner.Run("celery", "inspect", "registered", "--timeout", "2");

        Assert.That(result.Lines, Does.Contain($$"""{"{{worker.Hostname}}": ["kombu.add", "kombu.echo", "kombu.fail", "kombu.sleep"]}"""));
    }

    [Test]
    public async Task Result_RedisBackend_PrintsTheStoredResult()
    {
        RedisTestServer.Require();
        var backend = RedisTestServer.Url(12);
        await using var worker = await MemoryWorker.StartAsync(backend);
        var sent = CliRunner.Run("celery", "send", "--backend", backend, "--queue", worker.Queue, "--wait", "kombu.add", "[20, 22]");
        var id = (string)Line(sent.Lines[0])["id"]!;

        var result = CliRunner.Run("celery", "result", id, "--backend", backend, "--timeout", "5");

        Assert.That((result.ExitCode, result.Stdout.Trim()), Is.EqualTo((0, $$"""{"id": "{{id}}", "state": "SUCCESS", "result": 42}""")));
    }

    [Test]
    public void Worker_OnRabbitMq_RunsTasksPrintsLinesAndStopsOnSigterm()
    {
        AmqpBroker.Require();
        var queue = AmqpBroker.UniqueName("cli-worker");
        var hostname = $"cli-{Guid.NewGuid():N}@test";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Kombu.Cli.dll"), "--url", AmqpBroker.Url, "celery", "worker",
                     "--queue", queue, "--hostname", hostname, "--concurrency", "2", "--events" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        try
        {
            var ready = process.StandardError.ReadLineAsync();
            Assert.That(ready.Wait(Wait) ? ready.Result : null, Is.EqualTo($"worker: {hostname} ready, consuming from {queue}"));
            using var app = new CeleryApp(AmqpBroker.Url, "rpc://");
            var result = app.SendTask("kombu.add", [40, 2], options: new TaskOptions { Queue = queue });
            Assert.That(result.Get(Wait), Is.EqualTo(42L));
            var line = process.StandardOutput.ReadLineAsync();

            Assert.That(line.Wait(Wait) ? line.Result : null,
                Is.EqualTo($$"""{"id": "{{result.Id}}", "task": "kombu.add", "state": "SUCCESS", "result": 42}"""));
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            Assert.That(process.WaitForExit(Wait) && process.ExitCode == 0, Is.True, "the worker did not exit 0 on SIGTERM");
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            using var connection = new Connection(AmqpBroker.Url);
            new Queue(queue).Bind(connection.DefaultChannel).Delete();
            new Exchange(queue).Bind(connection.DefaultChannel).Delete();
        }
    }

    private static IDictionary<string, object?> Line(string json) => (IDictionary<string, object?>)KombuJson.Deserialize(json)!;

    /// <summary>The CLI's built-in tasks served in this process on memory://, as `kombu celery worker` serves them.</summary>
    private sealed class MemoryWorker : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly CeleryApp _app;
        private readonly Task _run;

        private MemoryWorker(string backend)
        {
            Queue = $"celery-{Guid.NewGuid():N}";
            Hostname = $"cli-{Queue}@test";
            _app = new CeleryApp("memory://", backend);
            Worker = Kombu.Cli.Commands.BuiltinTasks.Register(new CeleryWorker(_app, new CeleryWorkerOptions { Queues = [Queue], Hostname = Hostname }));
            _run = Worker.RunAsync(_stop.Token);
        }

        public string Queue { get; }

        public string Hostname { get; }

        public CeleryWorker Worker { get; }

        public static async Task<MemoryWorker> StartAsync(string backend = "rpc://")
        {
            var worker = new MemoryWorker(backend);
            await worker.Worker.Started.WaitAsync(Wait);
            return worker;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(Wait);
            await _app.DisposeAsync();
            await Worker.DisposeAsync();
            _stop.Dispose();
        }
    }
}
