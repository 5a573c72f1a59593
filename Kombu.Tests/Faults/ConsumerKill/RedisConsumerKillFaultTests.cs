using Kombu.Tests.Support;

namespace Kombu.Tests.Faults.ConsumerKill;

/// <summary>
/// Redis keeps a delivered message in <c>unacked</c> until it is acknowledged; a dead consumer's messages come back after
/// the visibility timeout (1 s here). Runs on the fault suite's own Redis: a 1 s sweep on the shared one would restore
/// other tests' unacknowledged messages.
/// </summary>
[TestFixture]
public sealed class RedisConsumerKillFaultTests : ConsumerKillFaultTests
{
    protected override string Url => FaultRedis.Url(1);

    protected override Dictionary<string, object?> Options => new() { ["visibility_timeout"] = 1 };

    protected override void RequireBroker() => FaultRedis.Require();
}
