using Kombu.Tests.Transports.Redis;

namespace Kombu.Tests.Compat;

/// <summary>The carrot facade on Redis.</summary>
[TestFixture]
public sealed class RedisCompatTests : CompatTests
{
    protected override string Url => RedisTestServer.Url(9);

    [SetUp]
    public void RequireBroker() => RedisTestServer.Require();
}
