using Kombu.Tests.Transports.Conformance;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>The conformance suite on SQS (fauxqs): no fanout, no priorities; requeue waits wait_time_seconds (10 s).</summary>
[TestFixture]
public sealed class SqsConformanceTests : TransportConformanceTests
{
    protected override string Url => SqsBroker.Url;

    protected override bool SupportsFanout => false;

    protected override bool SupportsPriority => false;

    protected override TimeSpan DeliveryTimeout => TimeSpan.FromSeconds(25);

    [SetUp]
    public void RequireBroker() => SqsBroker.Require();
}
