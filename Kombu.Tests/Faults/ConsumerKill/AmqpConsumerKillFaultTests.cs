using Kombu.Tests.Transports.Amqp;

namespace Kombu.Tests.Faults.ConsumerKill;

/// <summary>RabbitMQ requeues what a dead consumer held when its connection drops.</summary>
[TestFixture]
public sealed class AmqpConsumerKillFaultTests : ConsumerKillFaultTests
{
    protected override string Url => AmqpBroker.Url;

    protected override void RequireBroker() => AmqpBroker.Require();
}
