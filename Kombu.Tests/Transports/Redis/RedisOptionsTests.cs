using Kombu.Transport.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>The Redis options Kombu 5 reads, from transport options and from the URL's query string (no server).</summary>
[TestFixture]
[Category("Unit")]
public sealed class RedisOptionsTests
{
    [Test]
    public void Parse_SocketAndPoolOptions_ReadsKombuNames()
    {
        var options = RedisTransportOptions.Parse(new Dictionary<string, object?>
        {
            ["socket_timeout"] = 2.5,
            ["socket_connect_timeout"] = "3",
            ["socket_keepalive"] = true,
            ["max_connections"] = 20,
            ["health_check_interval"] = 7,
            ["retry_on_timeout"] = "true",
            ["sep"] = ":",
        });

        Assert.That(options.SocketTimeout, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
        Assert.That(options.SocketConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That((options.SocketKeepalive, options.MaxConnections, options.RetryOnTimeout, options.Sep),
            Is.EqualTo((true, 20, true, ":")));
        Assert.That(options.HealthCheckInterval, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(options.ReplyTimeout(TimeSpan.FromSeconds(5)), Is.EqualTo(TimeSpan.FromSeconds(5)),
            "retry_on_timeout waits one more socket_timeout");
    }

    [Test]
    public void Parse_Defaults_MatchKombu()
    {
        var options = RedisTransportOptions.Parse(new Dictionary<string, object?>());

        Assert.That((options.SocketTimeout, options.SocketConnectTimeout, options.SocketKeepalive, options.RetryOnTimeout),
            Is.EqualTo(((TimeSpan?)null, (TimeSpan?)null, false, false)));
        Assert.That((options.MaxConnections, options.HealthCheckInterval, options.Sep, options.MinOtherSentinels),
            Is.EqualTo((10, TimeSpan.FromSeconds(25), "\u0006\u0016", 0)));
        Assert.That(options.MasterName, Is.Null);
    }

    [Test]
    public void Parse_SentinelKwargsAsJsonText_ReadsTheMap()
    {
        var options = RedisTransportOptions.Parse(new Dictionary<string, object?>
        {
            ["master_name"] = "mymaster",
            ["sentinel_kwargs"] = """{"password": "s3cret", "socket_timeout": 1}""",
        });

        Assert.That(options.MasterName, Is.EqualTo("mymaster"));
        Assert.That(options.SentinelKwargs["password"], Is.EqualTo("s3cret"));
    }

    [Test]
    public void Parse_MaxConnectionsZero_Throws() =>
        Assert.Throws<ArgumentException>(() => RedisTransportOptions.Parse(new Dictionary<string, object?> { ["max_connections"] = 0 }));

    [Test]
    public void Connection_RedisOptionsInQueryString_BecomeTransportOptions()
    {
        using var conn = new Connection("redis://127.0.0.1:6379/3?socket_timeout=2&visibility_timeout=30&sep=%3A");

        Assert.That(conn.TransportOptions["socket_timeout"], Is.EqualTo("2"));
        var transport = (RedisTransport)conn.Transport;
        Assert.That(transport.Options.SocketTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(transport.Options.VisibilityTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(transport.Options.Sep, Is.EqualTo(":"));
        Assert.That(transport.Database, Is.EqualTo(3));
    }

    [Test]
    public void Connection_QueryAndTransportOptions_GivenTransportOptionWins()
    {
        using var conn = new Connection("redis://127.0.0.1:6379/0?visibility_timeout=30",
            transportOptions: new Dictionary<string, object?> { ["visibility_timeout"] = 60 });

        Assert.That(((RedisTransport)conn.Transport).Options.VisibilityTimeout, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void Connection_UnknownQueryKey_StillRefused() =>
        Assert.Throws<ArgumentException>(() => _ = new Connection("redis://127.0.0.1:6379/0?no_such_option=1"));

    [Test]
    public void Connection_RedisOptionOnAnotherTransport_StillRefused() =>
        Assert.Throws<ArgumentException>(() => _ = new Connection("amqp://guest:guest@127.0.0.1:5672//?visibility_timeout=1"));

    [Test]
    public void Connection_SentinelUrl_UsesTheSentinelTransportAndEverySentinel()
    {
        using var conn = new Connection("sentinel://127.0.0.1:26391/2?master_name=kombu;sentinel://127.0.0.1:26392",
            transportOptions: new Dictionary<string, object?>());

        var transport = (SentinelTransport)conn.Transport;
        Assert.That(transport.MasterName, Is.EqualTo("kombu"));
        Assert.That(transport.Sentinels, Is.EqualTo(new[] { ("127.0.0.1", 26391), ("127.0.0.1", 26392) }));
        Assert.That(transport.DefaultPort, Is.EqualTo(26379));
    }

    [Test]
    public void Connection_SentinelWithoutMasterName_Throws()
    {
        using var conn = new Connection("sentinel://127.0.0.1:26391");

        Assert.Throws<ArgumentException>(() => _ = conn.Transport);
    }

    [Test]
    public void Connection_DatabaseNotANumber_RaisesTheTransportsOwnError()
    {
        using var conn = new Connection("redis://127.0.0.1:6379/abc");

        var error = Assert.Throws<ArgumentException>(() => _ = conn.Transport);

        Assert.That(error!.Message, Does.Contain("Redis database must be a number"));
    }
}
