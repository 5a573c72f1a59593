using Kombu.Tests.Transports.Sqs;

namespace Kombu.Tests.Faults.ConsumerKill;

/// <summary>SQS makes a received message visible again after the queue's visibility timeout (2 s here).</summary>
[TestFixture]
public sealed class SqsConsumerKillFaultTests : ConsumerKillFaultTests
{
    protected override string Url => SqsBroker.Url;

    protected override Dictionary<string, object?> Options => new() { ["visibility_timeout"] = 2, ["wait_time_seconds"] = 1 };

    protected override int Count => 400;

    protected override void RequireBroker() => SqsBroker.Require();
}
