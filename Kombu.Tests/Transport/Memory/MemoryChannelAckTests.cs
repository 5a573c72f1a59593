using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Memory;

public class MemoryChannelAckTests : MemoryTestBase
{
    [Test]
    public void BasicGet_EmptyQueue_ReturnsNull()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        channel.QueueDeclare(queue);

        Assert.That(channel.BasicGet(queue), Is.Null);
    }

    [Test]
    public void BasicGet_PublishedMessage_CarriesKombuProperties()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        channel.BasicPublish(Text("m", properties: new Dictionary<string, object?> { ["correlation_id"] = "c1" }), "", queue);

        var message = channel.BasicGet(queue)!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Properties["correlation_id"], Is.EqualTo("c1"));
            Assert.That(message.Properties["delivery_mode"], Is.EqualTo(2));
            Assert.That(message.Properties["priority"], Is.EqualTo(0));
            Assert.That(message.Properties["body_encoding"], Is.EqualTo("base64"));
            Assert.That(message.Properties["delivery_tag"], Is.EqualTo(message.DeliveryTag));
            Assert.That((string)message.DeliveryTag!, Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$"));
            Assert.That(message.Properties["delivery_info"], Is.SameAs(message.DeliveryInfo));
            Assert.That(message.Exchange, Is.EqualTo(""));
            Assert.That(message.RoutingKey, Is.EqualTo(queue));
            Assert.That(message.ContentType, Is.EqualTo("text/plain"));
        }
    }

    [Test]
    public void BasicAck_DeliveredMessage_ClearsUnacked()
    {
        var channel = (VirtualChannel)NewChannel();
        var queue = Unique("q");
        channel.BasicPublish(Text("m"), "", queue);
        var message = channel.BasicGet(queue)!;

        message.Ack();

        Assert.That(channel.QoS.UnackedCount, Is.Zero);
    }

    [Test]
    public void BasicAck_UnknownTag_DoesNothing()
    {
        var channel = NewChannel();

        Assert.That(() => channel.BasicAck("no-such-tag"), Throws.Nothing);
    }

    [Test]
    public void BasicReject_Requeue_MessageAvailableAgainAsRedelivered()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        channel.BasicPublish(Text("again"), "", queue);
        var first = channel.BasicGet(queue)!;

        first.Requeue();
        var second = channel.BasicGet(queue)!;

        Assert.That((BodyOf(second), second.DeliveryTag, second.DeliveryInfo["redelivered"]),
            Is.EqualTo(("again", first.DeliveryTag, (object?)true)));
    }

    [Test]
    public void BasicReject_NoRequeue_DiscardsMessage()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        channel.BasicPublish(Text("gone"), "", queue);

        channel.BasicGet(queue)!.Reject();

        Assert.That(channel.BasicGet(queue), Is.Null);
    }

    [Test]
    public void BasicRecover_RequeueTrue_RestoresUnackedMessages()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        channel.BasicPublish(Text("1"), "", queue);
        channel.BasicPublish(Text("2"), "", queue);
        channel.BasicGet(queue);
        channel.BasicGet(queue);

        channel.BasicRecover(requeue: true);

        Assert.That(DrainAll(channel, queue), Is.EquivalentTo(new[] { "1", "2" }));
    }

    [Test]
    public void BasicRecover_RequeueFalse_ThrowsUnsupportedOperation()
    {
        var channel = NewChannel();

        Assert.That(() => channel.BasicRecover(requeue: false),
            Throws.TypeOf<UnsupportedOperationException>().With.Message.EqualTo("Does not support recover(requeue=False)"));
    }

    [Test]
    public void Flow_Any_ThrowsUnsupportedOperation()
    {
        var channel = NewChannel();

        Assert.That(() => channel.Flow(true), Throws.TypeOf<UnsupportedOperationException>());
    }

    [Test]
    public void Close_WithUnackedMessage_RestoresItAsRedelivered()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        var queue = Unique("q");
        channel.BasicPublish(Text("unacked"), "", queue);
        channel.BasicGet(queue);

        channel.Close();
        var again = NewChannel(transport).BasicGet(queue, noAck: true)!;

        Assert.That((BodyOf(again), again.DeliveryInfo["redelivered"]), Is.EqualTo(("unacked", (object?)true)));
    }

    [Test]
    public void Close_RestoreAtShutdownOff_DropsUnackedMessage()
    {
        var transport = NewTransport();
        var channel = (VirtualChannel)NewChannel(transport);
        var queue = Unique("q");
        channel.BasicPublish(Text("m"), "", queue);
        channel.BasicGet(queue);
        channel.QoS.RestoreAtShutdown = false;

        channel.Close();

        Assert.That(NewChannel(transport).BasicGet(queue), Is.Null);
    }

    [Test]
    public void BasicPublish_ClosedChannel_ThrowsChannelException()
    {
        var channel = NewChannel();
        channel.Close();

        Assert.That(() => channel.BasicPublish(Text("m"), "", Unique("q")), Throws.TypeOf<KombuChannelException>());
    }

    [Test]
    public void Close_Twice_IsOpenFalse()
    {
        var channel = NewChannel();

        channel.Close();
        channel.Close();

        Assert.That(channel.IsOpen, Is.False);
    }

    [Test]
    public void BasicConsume_EmptyTagNoAck_GeneratesTagAndRecordsNoAckConsumer()
    {
        var channel = NewChannel();

        var tag = channel.BasicConsume(Unique("q"), noAck: true, (_, _) => default);

        Assert.That((tag.Length > 0, channel.NoAckConsumers.Contains(tag)), Is.EqualTo((true, true)));
    }

    [Test]
    public void BasicCancel_NoAckConsumer_ForgetsTag()
    {
        var channel = NewChannel();
        var tag = channel.BasicConsume(Unique("q"), noAck: true, (_, _) => default, "tag-1");

        channel.BasicCancel(tag);

        Assert.That(channel.NoAckConsumers, Is.Empty);
    }
}
