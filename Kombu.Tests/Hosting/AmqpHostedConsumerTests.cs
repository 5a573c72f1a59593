using Kombu.Tests.Transports.Amqp;

namespace Kombu.Tests.Hosting;

[TestFixture]
public sealed class AmqpHostedConsumerTests : HostedConsumerTests
{
    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();

    protected override string Url => AmqpBroker.Url;

    protected override string UniqueName(string suffix) => AmqpBroker.UniqueName(suffix);
}
