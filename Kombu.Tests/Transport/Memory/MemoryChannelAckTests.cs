using Kombu.Exceptions;
using Kombu.Tests.Support;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Memory;

[Category("Unit")]
public class MemoryChannelAckTests : MemoryTestBase
{
    [Test]
    public async Task BasicGet_EmptyQueue_ReturnsNull()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        await channel.QueueDeclareAsync(queue);

        Assert.That(await channel.GetMessageAsync(queue), Is.Null);
    }

    [Test]
    public async Task BasicGet_PublishedMessage_CarriesKombuProperties()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("m", properties: new Dictionary<string, object?> { ["correlation_id"] = "c1" }), "", queue);

        var message = (await channel.GetMessageAsync(queue))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Properties["correlation_id"], Is.EqualTo("c1"));
            Assert.That(message.Properties["delivery_mode"], Is.EqualTo(2));
            Assert.That(message.Properties["priority"], Is.EqualTo(0));
            Assert.That(message.Properties["body_encoding"], Is.EqualTo("base64"));
            Assert.That(message.Properties["delivery_tag"], Is.EqualTo(message.DeliveryTag.ToString()));
            Assert.That(message.DeliveryTag.ToString(), Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$"));
            Assert.That(message.Properties["delivery_info"], Is.SameAs(message.DeliveryInfo));
            Assert.That(message.Exchange, Is.EqualTo(""));
            Assert.That(message.RoutingKey, Is.EqualTo(queue));
            Assert.That(message.ContentType, Is.EqualTo("text/plain"));
        }
    }

    [Test]
    public async Task BasicAck_DeliveredMessage_ClearsUnacked()
    {
        var channel = (VirtualChannel)NewChannel();
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("m"), "", queue);
        var message = (await channel.GetMessageAsync(queue))!;

        message.Ack();

        Assert.That(channel.QoS.UnackedCount, Is.Zero);
    }

    [Test]
    public void BasicAck_UnknownTag_DoesNothing()
    {
        var channel = NewChannel();

        Assert.That(async () => await channel.BasicAckAsync("no-such-tag"), Throws.Nothing);
    }

    [Test]
    public async Task BasicReject_Requeue_MessageAvailableAgainAsRedelivered()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("again"), "", queue);
        var first = (await channel.GetMessageAsync(queue))!;

        first.Requeue();
        var second = (await channel.GetMessageAsync(queue))!;

        Assert.That((BodyOf(second), second.DeliveryTag, second.DeliveryInfo["redelivered"]),
            Is.EqualTo(("again", first.DeliveryTag, (object?)true)));
    }

    [Test]
    public async Task BasicReject_NoRequeue_DiscardsMessage()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("gone"), "", queue);

        (await channel.GetMessageAsync(queue))!.Reject();

        Assert.That(await channel.GetMessageAsync(queue), Is.Null);
    }

    [Test]
    public async Task BasicRecover_RequeueTrue_RestoresUnackedMessages()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("1"), "", queue);
        await channel.BasicPublishAsync(Text("2"), "", queue);
        await channel.GetMessageAsync(queue);
        await channel.GetMessageAsync(queue);

        await channel.BasicRecoverAsync(requeue: true);

        Assert.That(DrainAll(channel, queue), Is.EquivalentTo(new[] { "1", "2" }));
    }

    [Test]
    public void BasicRecover_RequeueFalse_ThrowsUnsupportedOperation()
    {
        var channel = NewChannel();

        Assert.That(async () => await channel.BasicRecoverAsync(requeue: false),
            Throws.TypeOf<UnsupportedOperationException>().With.Message.EqualTo("Does not support recover(requeue=False)"));
    }

    [Test]
    public void Flow_Any_ThrowsUnsupportedOperation()
    {
        var channel = NewChannel();

        Assert.That(async () => await channel.FlowAsync(true), Throws.TypeOf<UnsupportedOperationException>());
    }

    [Test]
    public async Task Close_WithUnackedMessage_RestoresItAsRedelivered()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("unacked"), "", queue);
        await channel.GetMessageAsync(queue);

        await channel.CloseAsync();
        var again = (await NewChannel(transport).GetMessageAsync(queue, noAck: true))!;

        Assert.That((BodyOf(again), again.DeliveryInfo["redelivered"]), Is.EqualTo(("unacked", (object?)true)));
    }

    [Test]
    public async Task Close_RestoreAtShutdownOff_DropsUnackedMessage()
    {
        var transport = NewTransport();
        var channel = (VirtualChannel)NewChannel(transport);
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("m"), "", queue);
        await channel.GetMessageAsync(queue);
        channel.QoS.RestoreAtShutdown = false;

        await channel.CloseAsync();

        Assert.That(await NewChannel(transport).GetMessageAsync(queue), Is.Null);
    }

    [Test]
    public async Task BasicPublish_ClosedChannel_ThrowsChannelException()
    {
        var channel = NewChannel();
        await channel.CloseAsync();

        Assert.That(async () => await channel.BasicPublishAsync(Text("m"), "", Unique("q")), Throws.TypeOf<KombuChannelException>());
    }

    [Test]
    public async Task Close_Twice_IsOpenFalse()
    {
        var channel = NewChannel();

        await channel.CloseAsync();
        await channel.CloseAsync();

        Assert.That(channel.IsOpen, Is.False);
    }

    [Test]
    public async Task BasicConsume_EmptyTagNoAck_GeneratesTagAndRecordsNoAckConsumer()
    {
        var channel = NewChannel();

        var tag = await channel.BasicConsumeAsync(Unique("q"), noAck: true, (_, _) => default);

        Assert.That((tag.Length > 0, channel.NoAckConsumers.Contains(tag)), Is.EqualTo((true, true)));
    }

    [Test]
    public async Task BasicCancel_NoAckConsumer_ForgetsTag()
    {
        var channel = NewChannel();
        var tag = await channel.BasicConsumeAsync(Unique("q"), noAck: true, (_, _) => default, "tag-1");

        await channel.BasicCancelAsync(tag);

        Assert.That(channel.NoAckConsumers, Is.Empty);
    }
}
