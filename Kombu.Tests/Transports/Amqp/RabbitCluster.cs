using System.Diagnostics;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>
/// The three-node RabbitMQ cluster of tools/brokers/rabbitmq-cluster.sh: kombu-c1/2/3@localhost on 127.0.0.1:5701-5703.
/// Tests may stop and start the application of its nodes; the shared node on 5672 is never touched.
/// </summary>
internal static class RabbitCluster
{
    public const string StartCommand = "bash tools/brokers/rabbitmq-cluster.sh start";

    public static readonly int[] Ports = [5701, 5702, 5703];

    /// <summary>The node listening on <paramref name="port"/>.</summary>
    public static string Node(int port) => $"kombu-c{port - 5700}@localhost";

    /// <summary>The AMQP URL of one node.</summary>
    public static string Url(int port) => $"amqp://guest:guest@127.0.0.1:{port}//";

    /// <summary>Every node's URL, <c>;</c>-separated, the first one first: Kombu's failover URL.</summary>
    public static string FailoverUrl => string.Join(";", Ports.Select(Url));

    /// <summary>Fails the calling test, naming the start command, unless every node accepts connections.</summary>
    public static void Require()
    {
        foreach (var port in Ports)
            BrokerEndpoint.Require("RabbitMQ cluster node " + Node(port), "127.0.0.1", port, StartCommand);
    }

    /// <summary>Runs <c>rabbitmqctl -q -n NODE ARGS</c> through Debian's wrapper (the nodes' shared cookie).</summary>
    /// <param name="port">The node's AMQP port.</param>
    /// <param name="args">The command and its arguments.</param>
    /// <returns>What it printed.</returns>
    public static string Ctl(int port, params string[] args)
    {
        var info = new ProcessStartInfo("/usr/sbin/rabbitmqctl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-q", "-n", Node(port), .. args])
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start rabbitmqctl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"rabbitmqctl {string.Join(' ', args)} on {Node(port)} did not finish: {stderr.Result}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"rabbitmqctl {string.Join(' ', args)} on {Node(port)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Stops a node's RabbitMQ application (its Erlang node stays up) and waits until its AMQP port closes.</summary>
    public static void StopApp(int port)
    {
        Ctl(port, "stop_app");
        WaitForPort(port, listening: false);
    }

    /// <summary>Starts a node's RabbitMQ application again and waits until its AMQP port listens.</summary>
    public static void StartApp(int port)
    {
        Ctl(port, "start_app");
        WaitForPort(port, listening: true);
    }

    /// <summary>Whether a node's AMQP port accepts a connection now.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or AggregateException)
        {
            return false;
        }
    }

    private static void WaitForPort(int port, bool listening)
    {
        var clock = Stopwatch.StartNew();
        while (IsListening(port) != listening)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
                Assert.Fail($"127.0.0.1:{port} still {(listening ? "closed" : "listening")} after 60 s.");
            Thread.Sleep(50);
        }
    }
}
