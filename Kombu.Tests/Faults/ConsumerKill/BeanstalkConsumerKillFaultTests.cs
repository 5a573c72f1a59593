using Kombu.Tests.Transports.Beanstalk;

namespace Kombu.Tests.Faults.ConsumerKill;

/// <summary>beanstalkd releases the jobs a dead consumer reserved when its connection drops.</summary>
[TestFixture]
public sealed class BeanstalkConsumerKillFaultTests : ConsumerKillFaultTests
{
    protected override string Url => BeanstalkBroker.Url;

    protected override void RequireBroker() => BeanstalkBroker.Require();
}
