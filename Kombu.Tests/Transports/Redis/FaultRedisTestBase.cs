using Kombu.Tests.Support;
using StackExchange.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Shared setup of the tests on the fault suite's own Redis (6390): a per-test key prefix and a direct client.</summary>
public abstract class FaultRedisTestBase
{
    private ConnectionMultiplexer? _direct;

    /// <summary>The per-test <c>global_keyprefix</c>.</summary>
    protected string Prefix { get; private set; } = "";

    /// <summary>A direct client of database 0, to read what the transport wrote.</summary>
    protected IDatabase Redis => _direct!.GetDatabase(0);

    /// <summary>The server, for admin commands.</summary>
    protected IServer Server => _direct!.GetServer("127.0.0.1", FaultRedis.Port);

    [SetUp]
    public void SetUpFaultRedis()
    {
        FaultRedis.Require();
        Prefix = "rf-" + Guid.NewGuid().ToString("N")[..10] + ":";
        _direct = ConnectionMultiplexer.Connect($"127.0.0.1:{FaultRedis.Port},allowAdmin=true,abortConnect=false");
    }

    [TearDown]
    public void TearDownFaultRedis()
    {
        FaultRedis.Start();
        foreach (var key in Server.Keys(0, Prefix + "*"))
            Redis.KeyDelete(key);
        _direct!.Dispose();
    }

    /// <summary>A connection to <paramref name="port"/> (the server's by default) with this test's prefix and further options.</summary>
    protected Connection Connect(int? port = null, IDictionary<string, object?>? options = null)
    {
        var all = new Dictionary<string, object?>(options ?? new Dictionary<string, object?>()) { ["global_keyprefix"] = Prefix };
        return new Connection($"redis://127.0.0.1:{port ?? FaultRedis.Port}/0", transportOptions: all);
    }
}
