using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Redis;

/// <summary>A fault-suite Redis test whose consumers connect through a fault proxy in front of the server.</summary>
public abstract class ProxiedFaultRedisTestBase : FaultRedisTestBase
{
    private FaultProxy? _proxy;

    /// <summary>The fault proxy in front of the fault suite's Redis, started for each test.</summary>
    private protected FaultProxy Proxy => _proxy!;

    [SetUp]
    public void StartProxy() => _proxy = FaultProxy.Start("127.0.0.1", FaultRedis.Port);

    [TearDown]
    public async Task StopProxy()
    {
        _proxy!.Resume();
        await _proxy.DisposeAsync();
    }
}
