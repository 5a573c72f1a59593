using System.Diagnostics;
using System.Text;
using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Celery;

/// <summary>Real Celery 5.2.6 peers for the interop tests: a worker process, and <c>celery_app.py</c> client commands.</summary>
internal static class CeleryPeers
{
    /// <summary>Starts <c>celery -A celery_app worker</c> (solo pool) on one queue and waits until it is ready.</summary>
    public static Process StartWorker(string broker, string backend, string queue, string hostname)
    {
        var worker = PythonPeer.Start("-m", ["celery", "-A", "celery_app", "worker", "--pool=solo", "--concurrency=1",
            "-Q", queue, "-n", hostname, "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
            environment: Environment(broker, backend));
        var ready = new TaskCompletionSource();
        var log = new StringBuilder();
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (log)
                log.AppendLine(e.Data);
            if (e.Data.Contains("ready.", StringComparison.Ordinal))
                ready.TrySetResult();
        }
        worker.ErrorDataReceived += OnLine;
        worker.OutputDataReceived += OnLine;
        worker.BeginErrorReadLine();
        worker.BeginOutputReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            Stop(worker);
            Assert.Fail("The Celery worker did not become ready:\n" + log);
        }
        return worker;
    }

    /// <summary>Stops a peer process.</summary>
    public static void Stop(Process? process)
    {
        if (process is null)
            return;
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    /// <summary>Runs <c>celery_app.py</c> to completion and returns its JSON lines, decoded.</summary>
    public static List<object?> Run(string broker, string backend, params string[] args)
    {
        using var process = Start(broker, backend, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"celery_app.py {string.Join(' ', args)} did not finish: {stderr.Result}");
        }
        process.WaitForExit();
        var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{') || l.StartsWith('['));
        var decoded = lines.Select(KombuJson.Deserialize).ToList();
        if (process.ExitCode != 0 || decoded.Count == 0)
            Assert.Fail($"celery_app.py {string.Join(' ', args)} exited with {process.ExitCode}: {stdout.Result}\n{stderr.Result}");
        return decoded;
    }

    /// <summary>Starts <c>celery_app.py</c> with the broker and backend URLs in its environment.</summary>
    public static Process Start(string broker, string backend, params string[] args) =>
        PythonPeer.Start("celery_app.py", args, environment: Environment(broker, backend));

    private static Dictionary<string, string> Environment(string broker, string backend) => new()
    {
        ["KOMBU_INTEROP_BROKER"] = broker,
        ["KOMBU_INTEROP_BACKEND"] = backend,
    };
}
