using Kombu.Tests.Support;

namespace Kombu.Tests.Faults;

/// <summary>
/// <c>kombu consume</c> rides through Redis faults on the fault suite's own server (6390, append-only file):
/// SHUTDOWN and restart, CLIENT KILL, and the link reset by the fault proxy.
/// </summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class RedisBrokerFaultTests
{
    [SetUp]
    public void RequireServer() => FaultRedis.Require();

    [TearDown]
    public void BringServerBack() => FaultRedis.Start();

    [Test]
    public void CliConsume_ShutdownAndRestart_EveryMessageArrives() =>
        RedisFaultRuns.Run("Redis SHUTDOWN + restart, kombu consume", FaultInjections.RedisShutdownAndRestart, BrokerFaultRun.Cli);

    [Test]
    public void CliConsume_ClientKill_EveryMessageArrives() =>
        RedisFaultRuns.Run("Redis CLIENT KILL TYPE normal, kombu consume", FaultInjections.RedisClientKill, BrokerFaultRun.Cli);

    [Test]
    public void CliConsume_LinkReset_EveryMessageArrives() =>
        RedisFaultRuns.Run("Redis link reset, kombu consume", FaultInjections.LinkReset, BrokerFaultRun.Cli);
}
