using Kombu.Serialization;
using StackExchange.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Shared setup of the tests that read what the Redis transport wrote, straight from Redis.</summary>
public abstract class RedisWireTestBase
{
    protected const int Db = 8;
    protected const string Sep = "\u0006\u0016";
    private readonly List<IDisposable> _disposables = [];

    /// <summary>A per-test key prefix (global_keyprefix), so unacked keys of parallel tests never mix.</summary>
    protected string KeyPrefix { get; private set; } = "";

    protected string Prefix { get; private set; } = "";

    protected IDatabase Redis => RedisTestServer.Database(Db);

    [SetUp]
    public void SetUpNames()
    {
        RedisTestServer.Require();
        Prefix = "rw-" + Guid.NewGuid().ToString("N")[..10];
        KeyPrefix = Prefix + ":";
    }

    [TearDown]
    public void DisposeAll()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
            _disposables[i].Dispose();
        _disposables.Clear();
        var server = Redis.Multiplexer.GetServer("127.0.0.1", 6379);
        foreach (var key in server.Keys(Db, Prefix + "*"))
            Redis.KeyDelete(key);
    }

    /// <summary>A connection on db 8 with this test's key prefix and any further transport options.</summary>
    protected Connection Connect(IDictionary<string, object?>? options = null)
    {
        var all = new Dictionary<string, object?> { ["global_keyprefix"] = KeyPrefix };
        foreach (var pair in options ?? new Dictionary<string, object?>())
            all[pair.Key] = pair.Value;
        var connection = new Connection(RedisTestServer.Url(Db), transportOptions: all);
        _disposables.Add(connection);
        return connection;
    }

    protected string Name(string suffix) => $"{Prefix}.{suffix}";

    protected Queue DeclareQueue(Connection connection, string name, Exchange? exchange = null, string routingKey = "")
    {
        var queue = new Queue(name, exchange, routingKey, durable: false, autoDelete: false).Bind(connection.DefaultChannel);
        queue.Declare();
        return queue;
    }

    /// <summary>The list items of a key, oldest (next to be consumed, rightmost) last, as Redis keeps them.</summary>
    protected string[] ListItems(string key) => [.. Redis.ListRange(KeyPrefix + key).Select(v => (string)v!)];

    protected static IDictionary<string, object?> Json(string text) =>
        (IDictionary<string, object?>)KombuJson.Deserialize(text)!;

    protected static IDictionary<string, object?> Map(object? value) => (IDictionary<string, object?>)value!;
}
