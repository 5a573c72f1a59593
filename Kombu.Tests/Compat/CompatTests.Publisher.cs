using Kombu.Compat;
using Kombu.Exceptions;

namespace Kombu.Tests.Compat;

public abstract partial class CompatTests
{
    [Test]
    public void PublisherCtor_NoOptions_UsesCarrotDefaults()
    {
        var connection = Connect();
        using var publisher = new Publisher(connection, exchange: Name("ex"));

        Assert.That((publisher.ExchangeType, publisher.Durable, publisher.AutoDelete, publisher.RoutingKey,
                publisher.AutoDeclare, publisher.Exchange.Type, publisher.Exchange.Durable, publisher.Connection),
            Is.EqualTo(("direct", true, false, "", true, "direct", true, connection)));
    }

    [Test]
    public void PublisherBackend_Always_IsTheChannel()
    {
        var connection = Connect();
        using var publisher = NewPublisher(connection);

        Assert.That(publisher.Backend, Is.SameAs(publisher.Channel));
    }

    [Test]
    public void PublisherCtor_WithChannel_PublishesOnIt()
    {
        var connection = Connect();
        using var channel = connection.CreateChannel();
        var consumer = NewConsumer(connection);
        using var publisher = new Publisher(connection, Name("ex"), "rk", durable: false, channel: channel);

        publisher.Send("on my channel");

        Assert.That((publisher.Channel, FetchWithin(consumer, DeliveryTimeout)?.Payload),
            Is.EqualTo((channel, (object)"on my channel")));
    }

    [Test]
    public void Send_ToBoundQueue_ConsumerFetchesBody()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        var publisher = NewPublisher(connection);

        publisher.Send(new Dictionary<string, object?> { ["import"] = "feed" });

        Assert.That(FetchWithin(consumer, DeliveryTimeout)?.Payload,
            Is.EqualTo(new Dictionary<string, object?> { ["import"] = "feed" }));
    }

    [Test]
    public void Publish_EveryArgument_ReachesTheMessage()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection, routingKey: "other");
        var publisher = NewPublisher(connection);

        publisher.Publish("hello", routingKey: "other", deliveryMode: "transient", priority: 3, serializer: "json",
            headers: new Dictionary<string, object?> { ["h"] = "v" }, compression: "zlib", exchange: Name("ex"),
            declare: [publisher.Exchange], correlationId: "c-1", replyTo: "r-1",
            properties: new Dictionary<string, object?> { ["message_id"] = "m-1" });
        var message = FetchWithin(consumer, DeliveryTimeout)!;

        Assert.That((message.Payload, message.Headers["h"], message.Headers["compression"], message.Properties["correlation_id"],
                message.Properties["reply_to"], message.Properties["message_id"], Convert.ToInt32(message.Properties["delivery_mode"])),
            Is.EqualTo(((object)"hello", (object)"v", (object)"application/x-gzip", (object)"c-1", (object)"r-1", (object)"m-1", 1)));
    }

    [Test]
    public void Publish_DeliveryModeFromCtor_IsTheDefault()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        using var publisher = new Publisher(connection, Name("ex"), "rk", durable: false, deliveryMode: 1);

        publisher.Publish("transient");

        Assert.That(Convert.ToInt32(FetchWithin(consumer, DeliveryTimeout)!.Properties["delivery_mode"]), Is.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_ToBoundQueue_ConsumerFetchesBody()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        var publisher = NewPublisher(connection);

        await publisher.SendAsync("a");
        await publisher.PublishAsync("b");

        Assert.That(Drain(consumer, 2), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Declare_AutoDeclareOff_DeclaresTheExchange()
    {
        var connection = Connect();
        using var publisher = new Publisher(connection, Name("ex"), durable: false, autoDeclare: false);
        var passive = new Exchange(Name("ex"), passive: true).Bind(connection.CreateChannel());

        publisher.Declare();

        Assert.DoesNotThrow(() => passive.Declare());
    }

    [Test]
    public void Declare_AutoDeclareOff_NotDeclaredBefore()
    {
        var connection = Connect();
        using var publisher = new Publisher(connection, Name("ex"), durable: false, autoDeclare: false);
        var passive = new Exchange(Name("ex"), passive: true).Bind(connection.CreateChannel());

        Assert.That(() => passive.Declare(), Throws.InstanceOf<KombuException>());
    }

    [Test]
    public void MaybeDeclare_SameQueueTwice_DeclaresOnce()
    {
        var connection = Connect();
        var publisher = NewPublisher(connection);
        var queue = new Queue(QueueName("declared"), publisher.Exchange, "rk", durable: false);

        var first = publisher.MaybeDeclare(queue);
        var second = publisher.MaybeDeclare(queue);

        Assert.That((first, second), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task MaybeDeclareAsync_SameQueueTwice_DeclaresOnce()
    {
        var connection = Connect();
        var publisher = NewPublisher(connection);
        var queue = new Queue(QueueName("declared"), publisher.Exchange, "rk", durable: false);

        var first = await publisher.MaybeDeclareAsync(queue);
        var second = await publisher.MaybeDeclareAsync(queue);

        Assert.That((first, second), Is.EqualTo((true, false)));
    }

    [Test]
    public void PublisherRevive_NewChannel_PublishesOnIt()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        var publisher = NewPublisher(connection);
        var channel = connection.CreateChannel();

        publisher.Revive(channel);
        publisher.Send("revived");

        Assert.That((publisher.Backend, FetchWithin(consumer, DeliveryTimeout)?.Payload), Is.EqualTo((channel, (object)"revived")));
    }

    [Test]
    public void PublisherClose_Called_IsClosedAndChannelStaysOpen()
    {
        var connection = Connect();
        var publisher = NewPublisher(connection);

        publisher.Close();

        Assert.That((publisher.IsClosed, publisher.Channel.IsOpen), Is.EqualTo((true, true)));
    }

    [Test]
    public void PublisherRelease_Called_Closes()
    {
        var connection = Connect();
        var publisher = NewPublisher(connection);

        publisher.Release();

        Assert.That(publisher.IsClosed, Is.True);
    }

    [Test]
    public async Task PublisherDispose_UsingBlock_Closes()
    {
        var connection = Connect();
        Publisher outer;
        await using (var publisher = new Publisher(connection, Name("ex"), durable: false))
            outer = publisher;

        Assert.That(outer.IsClosed, Is.True);
    }
}
