using System.Diagnostics;
using Kombu.Tests.Support;
using Kombu.Transport.Amqp;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>What the AMQP errors say when the link breaks in different ways (fault proxy in front of RabbitMQ).</summary>
[TestFixture]
public sealed class AmqpErrorTextTests
{
    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();

    [Test]
    public async Task DrainEvents_LinkReset_SaysTheConnectionWasResetNotClosedByTheBroker()
    {
        await using var proxy = FaultProxy.Start("127.0.0.1", 5672);
        using var connection = ConsumingConnection(proxy, "");

        proxy.Reset();
        var error = Assert.Catch<AmqpConnectionException>(() => connection.DrainEvents(TimeSpan.FromSeconds(10)));

        Assert.That(error!.Message, Does.Contain("reset").And.Not.Contain("closed by the broker"));
    }

    [Test]
    public async Task DrainEvents_LinkStalledPastTheHeartbeat_SaysTheHeartbeatWasMissed()
    {
        await using var proxy = FaultProxy.Start("127.0.0.1", 5672);
        using var connection = ConsumingConnection(proxy, "?heartbeat=1");

        proxy.Stall();
        var error = Assert.Catch<AmqpConnectionException>(() => connection.DrainEvents(TimeSpan.FromSeconds(15)));
        proxy.Resume();

        Assert.That(error!.Message, Does.Contain("heartbeat missed").And.Not.Contain("closed by the broker"));
    }

    [Test]
    public void DefaultChannel_MissingVirtualHost_FailsAtOnceSayingTheVhostIsNotFound()
    {
        // RabbitMQ.Client sometimes returns the refused connection and then left channel.open waiting 20 s.
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            using var connection = new Connection("amqp://guest:guest@127.0.0.1:5672/kombu-no-such-vhost");
            var error = Assert.Throws<AmqpConnectionException>(() => _ = connection.DefaultChannel);
            Assert.That(error!.Message, Does.Contain("vhost kombu-no-such-vhost not found"));
        }

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    private static Connection ConsumingConnection(FaultProxy proxy, string query)
    {
        var connection = new Connection($"amqp://guest:guest@127.0.0.1:{proxy.Port}//{query}");
        var queue = new Queue(AmqpBroker.UniqueName("errtext"), autoDelete: true);
        var consumer = connection.CreateConsumer(queues: [queue], onMessage: _ => { });
        consumer.Consume();
        return connection;
    }
}
