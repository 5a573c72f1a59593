using Kombu.Tests.Transports.Amqp;

namespace Kombu.Tests.Compat;

/// <summary>The carrot facade on RabbitMQ.</summary>
[TestFixture]
public sealed class AmqpCompatTests : CompatTests
{
    protected override string Url => AmqpBroker.Url;

    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();
}
