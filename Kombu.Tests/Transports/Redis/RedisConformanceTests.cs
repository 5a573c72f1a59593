using Kombu.Tests.Support;
using Kombu.Tests.Transports.Conformance;

namespace Kombu.Tests.Transports.Redis;

/// <summary>The conformance suite on Redis (database 7 of the local server started by tools/brokers/redis.sh).</summary>
[TestFixture]
public sealed class RedisConformanceTests : TransportConformanceTests
{
    protected override string Url => RedisTestServer.Url(7);

    protected override bool SupportsPriority => true;

    protected override bool PriorityLowerNumberFirst => true;

    [SetUp]
    public void RequireRedis() => RedisTestServer.Require();
}
