namespace Kombu.Tests.Support;

/// <summary>
/// The fault suite's own Redis on 127.0.0.1:6390 with an append-only file (tools/brokers/redis-faults.sh): tests shut
/// it down, kill it, kill its clients and restart it; the shared Redis on 6379 is never touched.
/// </summary>
internal static class FaultRedis
{
    public const int Port = 6390;
    public const string StartCommand = "bash tools/brokers/redis-faults.sh start";

    private static string PidFile => Path.Combine(BrokerControl.BrokerDir, $"redis-{Port}.pid");

    /// <summary>The URL of database <paramref name="db"/>.</summary>
    /// <param name="db">The database number.</param>
    public static string Url(int db = 0) => $"redis://127.0.0.1:{Port}/{db}";

    /// <summary>Fails the calling test, naming the start command, unless the server accepts connections.</summary>
    public static void Require() => BrokerControl.Require("Redis (fault suite)", Port, StartCommand);

    /// <summary>Runs <c>redis-cli -p 6390 ARGS</c>.</summary>
    /// <param name="args">The command and its arguments.</param>
    /// <returns>What it printed.</returns>
    public static string Cli(params string[] args) =>
        BrokerControl.Run("redis-cli", ["-h", "127.0.0.1", "-p", Port.ToString(), .. args], TimeSpan.FromSeconds(30));

    /// <summary>Closes every normal client connection (<c>CLIENT KILL TYPE normal</c>).</summary>
    /// <returns>How many connections the server closed.</returns>
    public static int KillClients() => int.Parse(Cli("CLIENT", "KILL", "TYPE", "normal").Trim());

    /// <summary>Shuts the server down with <c>SHUTDOWN</c> (the append-only file keeps the data) and waits until it is gone.</summary>
    public static void Shutdown()
    {
        BrokerControl.Run("redis-cli", ["-h", "127.0.0.1", "-p", Port.ToString(), "SHUTDOWN"], TimeSpan.FromSeconds(30));
        BrokerControl.WaitForPort(Port, listening: false, TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills the server with SIGKILL and waits until it is gone.</summary>
    public static void Kill() => BrokerControl.KillFromPidFile(PidFile, StartCommand);

    /// <summary>Starts the server with its start script (a no-op when it runs) and waits until it answers.</summary>
    public static void Start() => BrokerControl.RunScript("redis-faults.sh", "start");
}
