using Kombu.Tests.Support;
using Kombu.Tests.Transports.Conformance;

namespace Kombu.Tests.Transports.Beanstalk;

/// <summary>The conformance suite on beanstalkd (no fanout; lower priorities first, so not AMQP's priority order).</summary>
[TestFixture]
public sealed class BeanstalkConformanceTests : TransportConformanceTests
{
    protected override string Url => BeanstalkBroker.Url;

    protected override bool SupportsFanout => false;

    protected override bool SupportsPriority => false;

    [SetUp]
    public void RequireBroker() => BeanstalkBroker.Require();
}
