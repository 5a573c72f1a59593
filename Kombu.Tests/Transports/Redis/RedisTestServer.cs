using Kombu.Tests.Support;
using StackExchange.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>The local Redis server the Redis tests use, and a direct client to inspect what the transport wrote.</summary>
internal static class RedisTestServer
{
    private static readonly Lazy<ConnectionMultiplexer> s_client = new(() =>
        ConnectionMultiplexer.Connect("127.0.0.1:6379,allowAdmin=true"));

    public const string StartCommand = "bash tools/brokers/redis.sh start";

    public static string Url(int db) => $"redis://127.0.0.1:6379/{db}";

    public static void Require() => BrokerEndpoint.Require("Redis", "127.0.0.1", 6379, StartCommand);

    /// <summary>A raw client on <paramref name="db"/>, for reading keys byte-for-byte.</summary>
    public static IDatabase Database(int db)
    {
        Require();
        return s_client.Value.GetDatabase(db);
    }
}
