using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Redis;

/// <summary>
/// The Sentinel setup of tools/brokers/redis-sentinel.sh: a sentinel on 26391 watching "kombu-sentinel", a master and
/// a replica on 6391 and 6392 (which is which changes with each failover).
/// </summary>
internal static class RedisSentinelServer
{
    public const int SentinelPort = 26391;
    public const string MasterName = "kombu-sentinel";
    public const string StartCommand = "bash tools/brokers/redis-sentinel.sh start";

    /// <summary>A <c>sentinel://</c> URL of database <paramref name="db"/>, naming the sentinel twice (both are asked).</summary>
    public static string Url(int db) =>
        $"sentinel://127.0.0.1:{SentinelPort}/{db}?master_name={MasterName};sentinel://localhost:{SentinelPort}";

    public static void Require() => BrokerEndpoint.Require("Redis Sentinel", "127.0.0.1", SentinelPort, StartCommand);

    /// <summary>The port of the current master, as the sentinel reports it.</summary>
    public static int MasterPort() =>
        int.Parse(Sentinel("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MasterName).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim());

    /// <summary>Whether the master the sentinel names has its replica attached and in sync (a failover can start).</summary>
    public static bool InSync()
    {
        var master = MasterPort();
        var replica = master == 6391 ? 6392 : 6391;
        return Cli(master, "INFO", "replication").Contains("min_slaves_good_slaves:1", StringComparison.Ordinal)
            && Cli(replica, "INFO", "replication") is var info
            && info.Contains($"master_port:{master}", StringComparison.Ordinal)
            && info.Contains("master_link_status:up", StringComparison.Ordinal);
    }

    /// <summary>Asks the sentinel to fail over to the replica (<c>SENTINEL FAILOVER</c>).</summary>
    public static void Failover() => Sentinel("SENTINEL", "FAILOVER", MasterName);

    /// <summary>Runs <c>redis-cli -p PORT ARGS</c> against one of the data servers.</summary>
    public static string Cli(int port, params string[] args) =>
        BrokerControl.Run("redis-cli", ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args],
            TimeSpan.FromSeconds(30));

    private static string Sentinel(params string[] args) => Cli(SentinelPort, args);
}
