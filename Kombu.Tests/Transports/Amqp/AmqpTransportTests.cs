using Kombu.Exceptions;
using Kombu.Tests.Support;
using Kombu.Transport.Amqp;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>AMQP-specific behaviour against RabbitMQ: errors, channel state, confirms, returns and field tables.</summary>
[TestFixture]
public sealed class AmqpTransportTests
{
    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();

    [Test]
    public async Task QueueDeclarePassive_MissingQueue_ThrowsChannelErrorWith404AndClosesChannel()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var channel = conn.CreateChannel();

        var error = await Assert.ThrowsAsync<AmqpChannelException>(async () => await channel.QueueDeclareAsync(AmqpBroker.UniqueName("none"), passive: true));

        Assert.That(error!.ReplyCode, Is.EqualTo(404));
        Assert.That(channel.IsOpen, Is.False);
        Assert.That(async () => await channel.QueueDeclareAsync(AmqpBroker.UniqueName("later")), Throws.InstanceOf<KombuChannelException>());
        Assert.That(conn.Connected, Is.True);
    }

    [Test]
    public void DefaultChannel_AfterChannelError_IsReopened()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var first = conn.DefaultChannel;
        Assert.That(async () => await first.ExchangeDeclareAsync(AmqpBroker.UniqueName("nx"), passive: true), Throws.InstanceOf<KombuChannelException>());

        var second = conn.DefaultChannel;

        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(second.IsOpen, Is.True);
    }

    [Test]
    public async Task ExchangeDeclare_Redeclared_WithOtherType_ThrowsPreconditionFailed()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var name = AmqpBroker.UniqueName("ex");
        await conn.DefaultChannel.ExchangeDeclareAsync(name, "direct", autoDelete: true);
        var channel = conn.CreateChannel();

        var error = await Assert.ThrowsAsync<AmqpChannelException>(async () => await channel.ExchangeDeclareAsync(name, "fanout", autoDelete: true));

        Assert.That(error!.ReplyCode, Is.EqualTo(406));
        await conn.DefaultChannel.ExchangeDeleteAsync(name);
    }

    [Test]
    public void Connect_UnreachableBroker_ThrowsConnectionError()
    {
        using var conn = new Connection("amqp://guest:guest@127.0.0.1:1//", connectTimeout: TimeSpan.FromSeconds(2));

        Assert.That(async () => await conn.Transport.EstablishConnectionAsync(), Throws.InstanceOf<KombuConnectionException>());
        Assert.That(conn.ConnectionErrors, Does.Contain(typeof(KombuConnectionException)));
    }

    [Test]
    public void EnsureConnection_Failover_SleepsOnlyAfterAFullCycle_AndAdvancesTheIntervalPerCycle()
    {
        using var conn = new Connection("amqp://guest:guest@127.0.0.1:1//;amqp://guest:guest@127.0.0.1:2//");
        List<(string Url, double Sleep)> attempts = [];

        Assert.That(() => conn.EnsureConnection(errback: (_, sleep) => attempts.Add((conn.Port?.ToString() ?? "", sleep.TotalSeconds)),
                maxRetries: 4, intervalStart: TimeSpan.FromSeconds(0.01), intervalStep: TimeSpan.FromSeconds(0.02),
                intervalMax: TimeSpan.FromSeconds(1)),
            Throws.InstanceOf<OperationalException>());

        Assert.That(attempts.Select(a => a.Sleep), Is.EqualTo(new[] { 0, 0.01, 0, 0.03 }).Within(1e-9));
        Assert.That(attempts.Select(a => a.Url), Is.EqualTo(new[] { "1", "2", "1", "2" }), "each failure is reported for the URL that failed");
    }

    [Test]
    public void Connect_WrongPassword_ThrowsConnectionError()
    {
        using var conn = new Connection("amqp://guest:wrong@127.0.0.1:5672//");

        Assert.That(async () => await conn.Transport.EstablishConnectionAsync(), Throws.InstanceOf<KombuConnectionException>());
    }

    [TestCase("amqp://", 5672)]
    [TestCase("amqps://", 5671)]
    [TestCase("amqp://h?ssl=true", 5671)]
    [TestCase("pyamqp://h:1234//", 1234)]
    public void Info_Defaults_FollowKombu(string url, int port)
    {
        using var conn = new Connection(url);

        var info = conn.Info();

        Assert.That(info["port"], Is.EqualTo(port));
        Assert.That(info["userid"], Is.EqualTo("guest"));
        Assert.That(info["password"], Is.EqualTo("guest"));
        Assert.That(conn.Transport, Is.InstanceOf<AmqpTransport>());
    }

    [Test]
    public void CreateFactory_UrlOptions_AreApplied()
    {
        using var conn = new Connection("amqp://u:p@h:5673/v%2fh?heartbeat=15&connect_timeout=7&login_method=AMQPLAIN");

        var factory = ((AmqpTransport)conn.Transport).CreateFactory();

        Assert.That((factory.HostName, factory.Port, factory.UserName, factory.Password, factory.VirtualHost),
            Is.EqualTo(("h", 5673, "u", "p", "v/h")));
        Assert.That(factory.RequestedHeartbeat, Is.EqualTo(TimeSpan.FromSeconds(15)));
        Assert.That(factory.RequestedConnectionTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(factory.AuthMechanisms.Select(m => m.Name), Is.EqualTo(new[] { "AMQPLAIN" }));
        Assert.That(factory.AutomaticRecoveryEnabled, Is.False);
    }

    [Test]
    public void Connect_AmqPlainLogin_Works()
    {
        using var conn = new Connection(AmqpBroker.Url + "?login_method=AMQPLAIN");

        conn.Connect();

        Assert.That(conn.Connected, Is.True);
    }

    [Test]
    public void Publish_WithConfirmPublish_IsConfirmedAndDelivered()
    {
        using var conn = new Connection(AmqpBroker.Url,
            transportOptions: new Dictionary<string, object?> { ["confirm_publish"] = true });
        var queue = new Queue(AmqpBroker.UniqueName("confirm"), autoDelete: true, durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        conn.CreateProducer().Publish("confirmed", routingKey: queue.Name);

        Assert.That(queue.Get(noAck: true)?.Decode(), Is.EqualTo("confirmed"));
    }

    [Test]
    public void Publish_MandatoryUnroutable_RaisesReturned()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var channel = (AmqpChannel)conn.CreateChannel();
        var returned = new TaskCompletionSource<(Exception Error, string RoutingKey, object? Body)>();
        channel.Returned += (error, _, key, message) => returned.TrySetResult((error, key, new Message(message).Decode()));

        new Producer(channel).Publish("nobody", routingKey: AmqpBroker.UniqueName("void"), mandatory: true);

        Assert.That(returned.Task.Wait(TimeSpan.FromSeconds(10)), Is.True);
        var (err, _, body) = returned.Task.Result;
        Assert.That(((AmqpChannelException)err).ReplyCode, Is.EqualTo(312));
        Assert.That(body, Is.EqualTo("nobody"));
    }

    [Test]
    public void Publish_MandatoryUnroutable_ReachesProducerOnReturn()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var returned = new TaskCompletionSource<string>();
        var producer = new Producer(conn.CreateChannel(), onReturn: (_, _, key, _) => returned.TrySetResult(key));
        var key = AmqpBroker.UniqueName("void");

        producer.Publish("nobody", routingKey: key, mandatory: true);

        Assert.That(returned.Task.Wait(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(returned.Task.Result, Is.EqualTo(key));
    }

    [Test]
    public void Publish_NestedHeaders_RoundTripAsPlainValues()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var queue = new Queue(AmqpBroker.UniqueName("hdr"), autoDelete: true, durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var headers = new Dictionary<string, object?>
        {
            ["s"] = "é",
            ["i"] = 7L,
            ["big"] = 1L << 40,
            ["b"] = true,
            ["n"] = null,
            ["f"] = 1.5,
            ["list"] = new List<object?> { 1L, "a", null },
            ["map"] = new Dictionary<string, object?> { ["k"] = "v" },
        };

        conn.CreateProducer().Publish("x", routingKey: queue.Name, headers: headers);
        var message = queue.Get(noAck: true)!;

        Assert.That(message.Headers, Is.EqualTo(headers));
        Assert.That(message.DeliveryInfo["message_count"], Is.EqualTo(0L));
    }

    [Test]
    public void Publish_Expiration_MessageExpiresOnBroker()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var queue = new Queue(AmqpBroker.UniqueName("ttl"), autoDelete: true, durable: false, messageTtl: TimeSpan.FromSeconds(30))
            .Bind(conn.DefaultChannel);
        queue.Declare();

        conn.CreateProducer().Publish("short", routingKey: queue.Name, expiration: TimeSpan.FromMilliseconds(50));
        Thread.Sleep(300); // lets the 50 ms TTL pass: a time, not a count, is awaited

        Assert.That(queue.Get(noAck: true), Is.Null);
    }

    [Test]
    public void DrainEvents_ConsumersOnTwoChannels_DeliversFromBoth()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var got = new List<object?>();
        var queues = new[] { AmqpBroker.UniqueName("c1"), AmqpBroker.UniqueName("c2") };
        var consumers = queues.Select(name =>
        {
            var channel = conn.CreateChannel();
            var queue = new Queue(name, autoDelete: true, durable: false).Bind(channel);
            queue.Declare();
            var consumer = new Consumer(channel, [queue], callbacks: [(body, m) => { got.Add(body); m.Ack(); }]);
            consumer.Consume();
            return consumer;
        }).ToList();
        var producer = conn.CreateProducer();

        producer.Publish("one", routingKey: queues[0]);
        producer.Publish("two", routingKey: queues[1]);
        conn.DrainEvents(TimeSpan.FromSeconds(10));
        conn.DrainEvents(TimeSpan.FromSeconds(10));

        Assert.That(got, Is.EquivalentTo(new[] { "one", "two" }));
        consumers.ForEach(c => c.Dispose());
    }

    [Test]
    public async Task BasicRecover_Requeue_RedeliversUnacked()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var channel = conn.CreateChannel();
        var queue = new Queue(AmqpBroker.UniqueName("recover"), autoDelete: true, durable: false).Bind(channel);
        queue.Declare();
        conn.CreateProducer().Publish("again", routingKey: queue.Name);
        Assert.That(WaitGet(queue), Is.Not.Null);

        await channel.BasicRecoverAsync(requeue: true);
        var again = WaitGet(queue);

        Assert.That(again?.DeliveryInfo["redelivered"], Is.EqualTo(true));
        Assert.That(async () => await channel.BasicRecoverAsync(requeue: false), Throws.InstanceOf<UnsupportedOperationException>());
    }

    [Test]
    public void Flow_Pause_IsUnsupportedOnRabbitMq()
    {
        using var conn = new Connection(AmqpBroker.Url);

        Assert.That(async () => await conn.DefaultChannel.FlowAsync(false), Throws.InstanceOf<UnsupportedOperationException>());
        Assert.That(async () => await conn.DefaultChannel.FlowAsync(true), Throws.Nothing);
    }

    [Test]
    public async Task QueueDelete_IfEmpty_NotEmpty_ThrowsChannelError()
    {
        using var conn = new Connection(AmqpBroker.Url);
        var queue = new Queue(AmqpBroker.UniqueName("ifempty"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer().Publish("x", routingKey: queue.Name);
        Until.True(() => queue.QueueDeclare(passive: true).MessageCount == 1, TimeSpan.FromSeconds(10), "the message's arrival");

        Assert.That(async () => await conn.CreateChannel().QueueDeleteAsync(queue.Name, ifEmpty: true), Throws.InstanceOf<KombuChannelException>());
        Assert.That(await conn.DefaultChannel.QueueDeleteAsync(queue.Name), Is.EqualTo(1));
    }

    [Test]
    public async Task DrainEventsAsync_NothingArrives_ThrowsTimeoutException()
    {
        await using var conn = new Connection(AmqpBroker.Url);
        await conn.ConnectAsync();

        Assert.That(async () => await conn.DrainEventsAsync(TimeSpan.FromMilliseconds(100)), Throws.InstanceOf<TimeoutException>());
    }

    private static Message? WaitGet(Queue queue)
    {
        for (var i = 0; i < 100; i++)
        {
            if (queue.Get() is { } message)
                return message;
            Thread.Sleep(20);
        }
        return null;
    }
}
