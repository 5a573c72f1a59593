using System.Diagnostics;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>
/// Async publishing never parks thread-pool threads: 50 concurrent <c>PublishAsync(retry: true)</c> calls ride through a
/// 10 s outage in a process whose thread pool is capped at 4 threads (tools/Kombu.StarvationProbe), and a cancelled
/// token ends a waiting call at once.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Faults")]
public sealed class ThreadStarvationTests
{
    private const int Callers = 50;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [SetUp]
    public void RequireBroker() => FaultRabbit.Require();

    [Test]
    public async Task PublishAsyncWithRetry_OutageOnFourThreadPool_AllCompleteAndCancelEndsAWaitAtOnce()
    {
        var queueName = AmqpBroker.UniqueName("starve");
        using var admin = new Connection(FaultRabbit.Url);
        var queue = new Queue(queueName, durable: false).Bind(admin.DefaultChannel);
        queue.Declare();
        await using var proxy = FaultProxy.Start("127.0.0.1", FaultRabbit.Port);
        using var probe = StartProbe($"amqp://guest:guest@127.0.0.1:{proxy.Port}//", queueName);
        try
        {
            Assert.That(await ReadLineAsync(probe, TimeSpan.FromSeconds(60)), Is.EqualTo("ready"));
            proxy.RefuseNew(true);
            proxy.Reset();
            await probe.StandardInput.WriteLineAsync("go");
            await Task.Delay(Outage);
            proxy.RefuseNew(false);
            var back = Stopwatch.StartNew();

            var cancelled = await ReadLineAsync(probe, TimeSpan.FromSeconds(5));
            var done = await ReadLineAsync(probe, TimeSpan.FromSeconds(30));
            var recovered = back.Elapsed;

            Assert.That(cancelled, Does.StartWith("cancelled "), cancelled);
            Assert.That(int.Parse(cancelled!["cancelled ".Length..], System.Globalization.CultureInfo.InvariantCulture),
                Is.LessThanOrEqualTo(100), "milliseconds from Cancel() to the end of the waiting call");
            Assert.That(done, Is.EqualTo($"done {Callers}"), $"after {recovered.TotalSeconds:0.0} s");
            Assert.That(recovered, Is.LessThan(TimeSpan.FromSeconds(15)), "time from the broker's return to the last publish");
            // Confirmed publishes: none lost; a publish whose confirm the reset swallowed may be stored twice.
            Assert.That(queue.QueueDeclare(passive: true).MessageCount, Is.GreaterThanOrEqualTo(Callers));
        }
        finally
        {
            if (!probe.HasExited)
                probe.Kill();
            queue.Delete();
        }
    }

    private static Process StartProbe(string url, string queue)
    {
        // The probe is built next to the tests (a project reference without its assembly), in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = RepositoryPaths.Combine("tools", "Kombu.StarvationProbe", "bin", configuration, "net10.0",
            "Kombu.StarvationProbe.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, url, queue, Callers.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    private static async Task<string?> ReadLineAsync(Process probe, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await probe.StandardOutput.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return $"<no line within {timeout.TotalSeconds} s>";
        }
    }
}
