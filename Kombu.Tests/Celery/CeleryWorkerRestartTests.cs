using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kombu.Celery;
using Kombu.Tests.Transports.Redis;

namespace Kombu.Tests.Celery;

/// <summary>The worker rides through a broker restart: a dedicated redis-server on its own port, killed and started again.</summary>
public sealed class CeleryWorkerRestartTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Worker_BrokerRestarted_ReconnectsAndRunsTheNextTask()
    {
        RedisTestServer.Require();
        var port = FreePort();
        var url = $"redis://127.0.0.1:{port}/0";
        var server = StartRedis(port);
        using var stop = new CancellationTokenSource();
        await using var workerApp = new CeleryApp(url, "rpc://");
        await using var worker = new CeleryWorker(workerApp, new CeleryWorkerOptions { Hostname = "restart@test", Concurrency = 1 })
            .Register("t.add", (long x, long y) => x + y);
        var run = worker.RunAsync(stop.Token);
        try
        {
            await worker.Started.WaitAsync(Wait);
            await using (var before = new CeleryApp(url, "rpc://"))
                Assert.That(await (await before.SendTaskAsync("t.add", [1, 2])).GetAsync(Wait), Is.EqualTo(3L));

            Kill(server);
            server = StartRedis(port);
            await using var after = new CeleryApp(url, "rpc://");

            Assert.That(await (await after.SendTaskAsync("t.add", [20, 22])).GetAsync(Wait), Is.EqualTo(42L));
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(Wait);
            Kill(server);
        }
    }

    private static Process StartRedis(int port)
    {
        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        var deadline = DateTime.UtcNow + Wait;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return process;
            }
            if (DateTime.UtcNow > deadline)
                break;
        }
        Kill(process);
        Assert.Fail($"redis-server did not start on port {port}");
        return process;
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
