using System.Diagnostics;
using Kombu.Pidbox;

namespace Kombu.Bench;

/// <summary>Times pidbox calls to a node served in this process on a second connection.</summary>
public static class PidboxRunner
{
    /// <summary>Calls <c>ping</c> on the node <see cref="BenchWork.PidboxCalls"/> times and returns the latencies.</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="work">The work.</param>
    /// <returns>The 50th and 99th percentile round trip, in milliseconds.</returns>
    public static (double P50, double P99) Run(string url, BenchWork work)
    {
        var ns = "kombu.bench." + Guid.NewGuid().ToString("N");
        const string hostname = "bench@node";
        using var nodeConnection = new Connection(url);
        var node = new Mailbox(ns, "direct").Bind(nodeConnection).CreateNode(hostname);
        node.Handler("ping", (_, _) => "pong");
        using var stop = new CancellationTokenSource();
        using var listener = node.Listen();
        var serve = Task.Factory.StartNew(() => Serve(nodeConnection, stop.Token), TaskCreationOptions.LongRunning);

        using var clientConnection = new Connection(url);
        var mailbox = new Mailbox(ns, "direct").Bind(clientConnection);
        var timeout = TimeSpan.FromSeconds(5);
        for (var i = 0; i < 20; i++)
            mailbox.Call([hostname], "ping", timeout: timeout);
        var samples = new double[work.PidboxCalls];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var replies = mailbox.Call([hostname], "ping", timeout: timeout);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (replies.Count != 1)
                throw new InvalidOperationException($"pidbox: call {i} got {replies.Count} replies");
        }
        stop.Cancel();
        serve.GetAwaiter().GetResult();
        Array.Sort(samples);
        return (Percentile(samples, 0.50), Percentile(samples, 0.99));
    }

    /// <summary>The value below which a share <paramref name="p"/> of the sorted samples fall.</summary>
    /// <param name="sorted">The samples, sorted.</param>
    /// <param name="p">The share, 0 to 1.</param>
    /// <returns>The percentile.</returns>
    public static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void Serve(Connection connection, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                connection.DrainEventsAsync(TimeSpan.FromMilliseconds(100), stop).AsTask().GetAwaiter().GetResult();
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
