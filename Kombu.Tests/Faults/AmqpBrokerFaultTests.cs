using Kombu.Tests.Support;

namespace Kombu.Tests.Faults;

/// <summary>
/// <c>kombu consume</c> rides through RabbitMQ faults on the fault suite's own node (kombu-faults@localhost:5682):
/// the application stopped briefly and for longer, the node killed with SIGKILL and restarted, and the link reset,
/// down and stalled by the fault proxy. Every confirmed message must arrive; duplicates are counted.
/// </summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class AmqpBrokerFaultTests
{
    [SetUp]
    public void RequireNode() => FaultRabbit.Require();

    [TearDown]
    public void BringNodeBack() => FaultRabbit.EnsureRunning();

    [Test]
    public void CliConsume_StopAppForOneAndAHalfSeconds_EveryMessageArrives() =>
        AmqpFaultRuns.Run("RabbitMQ stop_app 1.5 s, kombu consume", FaultInjections.RabbitStopApp(TimeSpan.FromSeconds(1.5)), BrokerFaultRun.Cli);

    [Test]
    public void CliConsume_StopAppForTenSeconds_EveryMessageArrives() =>
        AmqpFaultRuns.Run("RabbitMQ stop_app 10 s, kombu consume", FaultInjections.RabbitStopApp(TimeSpan.FromSeconds(10)), BrokerFaultRun.Cli);

    [Test]
    public void CliConsume_NodeKilledAndRestarted_EveryMessageArrives() =>
        AmqpFaultRuns.Run("RabbitMQ kill -9 + restart, kombu consume", FaultInjections.RabbitKillAndRestart, BrokerFaultRun.Cli);

    [Test]
    public void CliConsume_LinkReset_EveryMessageArrives() =>
        AmqpFaultRuns.Run("RabbitMQ link reset, kombu consume", FaultInjections.LinkReset, BrokerFaultRun.Cli);

    [Test]
    public void CliConsume_LinkDownThreeSeconds_EveryMessageArrives() =>
        AmqpFaultRuns.Run("RabbitMQ link down 3 s, kombu consume", FaultInjections.LinkDown(TimeSpan.FromSeconds(3)), BrokerFaultRun.Cli);

    [Test]
    public void CliConsume_LinkStalledPastTheHeartbeat_EveryMessageArrives() =>
        AmqpFaultRuns.Run("RabbitMQ link stalled 10 s (heartbeat 2 s), kombu consume", FaultInjections.LinkStall(TimeSpan.FromSeconds(10)),
            BrokerFaultRun.Cli, query: "?heartbeat=2");
}
