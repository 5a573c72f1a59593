using System.Diagnostics;
using System.Net.Sockets;

namespace Kombu.Tests.Support;

/// <summary>
/// Runs broker scripts and tools, and kills and awaits broker processes, for the fault suite's dedicated instances.
/// </summary>
internal static class BrokerControl
{
    /// <summary>Where tools/brokers/ keeps data, logs and pid files (<c>$KOMBU_BROKER_DIR</c>, default /tmp/kombu-brokers).</summary>
    public static string BrokerDir =>
        Environment.GetEnvironmentVariable("KOMBU_BROKER_DIR") is { Length: > 0 } dir ? dir : "/tmp/kombu-brokers";

    /// <summary>Runs <c>bash tools/brokers/SCRIPT ARGS</c> and fails the test when it exits non-zero.</summary>
    /// <param name="script">The script's file name, such as <c>redis-faults.sh</c>.</param>
    /// <param name="args">Its arguments, such as <c>start</c>.</param>
    public static void RunScript(string script, params string[] args) => RunScript(script, args, environment: null);

    /// <summary>Runs <c>bash tools/brokers/SCRIPT ARGS</c> with extra environment variables, failing on a non-zero exit.</summary>
    /// <param name="script">The script's file name.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="environment">Extra environment variables, such as <c>KOMBU_REDIS_PORT</c>.</param>
    /// <returns>Its standard output.</returns>
    public static string RunScript(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment) =>
        Run("bash", [RepositoryPaths.Combine("tools", "brokers", script), .. args], TimeSpan.FromSeconds(180), environment);

    /// <summary>Runs a program to completion, failing the test on a non-zero exit or when it outlives <paramref name="timeout"/>.</summary>
    /// <param name="file">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <returns>Its standard output.</returns>
    public static string Run(string file, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var command = $"{file} {string.Join(' ', info.ArgumentList)}";
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{command}` did not finish in {timeout.TotalSeconds} s: {stderr.Result}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"`{command}` exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }

    /// <summary>Sends SIGKILL to the process whose id is in <paramref name="pidFile"/> and waits until it is gone.</summary>
    /// <param name="pidFile">The pid file the broker script wrote.</param>
    /// <param name="startCommand">The command that starts the broker, for the failure message.</param>
    public static void KillFromPidFile(string pidFile, string startCommand)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            Assert.Fail($"No pid file {pidFile}: start the broker with `{startCommand}`.");
            return;
        }
        using var process = Process.GetProcessById(pid);
        process.Kill();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            Assert.Fail($"Process {pid} ({pidFile}) did not die after SIGKILL.");
    }

    /// <summary>Whether 127.0.0.1:<paramref name="port"/> accepts a TCP connection now (probed afresh each call).</summary>
    /// <param name="port">The port.</param>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is SocketException or AggregateException)
        {
            return false;
        }
    }

    /// <summary>Fails the test unless 127.0.0.1:<paramref name="port"/> answers, naming the command that starts it.</summary>
    /// <param name="name">The broker's name.</param>
    /// <param name="port">Its port.</param>
    /// <param name="startCommand">The command that starts it.</param>
    public static void Require(string name, int port, string startCommand)
    {
        if (!IsListening(port))
            Assert.Fail($"{name} is not reachable on 127.0.0.1:{port}: start it with `{startCommand}`.");
    }

    /// <summary>Waits until 127.0.0.1:<paramref name="port"/> is listening (or not), failing after <paramref name="timeout"/>.</summary>
    /// <param name="port">The port.</param>
    /// <param name="listening">The state to wait for.</param>
    /// <param name="timeout">How long to wait.</param>
    public static void WaitForPort(int port, bool listening, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (IsListening(port) != listening)
        {
            if (clock.Elapsed > timeout)
                Assert.Fail($"127.0.0.1:{port} still {(listening ? "closed" : "listening")} after {timeout.TotalSeconds} s.");
            Thread.Sleep(50);
        }
    }
}
