using Kombu.Tests.Support;

namespace Kombu.Tests.Faults;

/// <summary>
/// A ConsumerMixin rides through RabbitMQ faults on the fault suite's own node: every confirmed message must arrive
/// within 5 s of the broker's return.
/// </summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class AmqpConsumerMixinFaultTests
{
    [SetUp]
    public void RequireNode() => FaultRabbit.Require();

    [TearDown]
    public void BringNodeBack() => FaultRabbit.EnsureRunning();

    [Test]
    public void ConsumerMixin_StopAppForOneAndAHalfSeconds_EveryMessageArrives() =>
        AmqpFaultRuns.Run("RabbitMQ stop_app 1.5 s, ConsumerMixin", FaultInjections.RabbitStopApp(TimeSpan.FromSeconds(1.5)), BrokerFaultRun.Mixin);

    [Test]
    public void ConsumerMixin_LinkReset_EveryMessageArrives() =>
        AmqpFaultRuns.Run("RabbitMQ link reset, ConsumerMixin", FaultInjections.LinkReset, BrokerFaultRun.Mixin);
}
