using Kombu.Tests.Transports.Conformance;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>The conformance suite on RabbitMQ through the AMQP transport.</summary>
[TestFixture]
public sealed class AmqpConformanceTests : TransportConformanceTests
{
    protected override string Url => AmqpBroker.Url;

    protected override bool SupportsPriority => true;

    protected override bool KombuTopicSemantics => false;

    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();
}
