using CompatConsumer = Kombu.Compat.Consumer;

namespace Kombu.Tests.Compat;

public abstract partial class CompatTests
{
    [Test]
    public void Receive_NoCallbacks_Throws()
    {
        var consumer = NewConsumer(Connect());
        var message = new Message(consumer.Channel, [1]);

        Assert.That(() => consumer.Receive("body", message), Throws.InvalidOperationException);
    }

    [Test]
    public async Task RegisterCallback_SyncAndAsync_ReceiveCallsBothInOrder()
    {
        var consumer = NewConsumer(Connect());
        var seen = new List<string>();
        consumer.RegisterCallback((body, _) => seen.Add($"sync:{body}"));
        consumer.RegisterCallback((body, _, _) =>
        {
            seen.Add($"async:{body}");
            return Task.CompletedTask;
        });

        await consumer.ReceiveAsync("b", new Message(consumer.Channel, [1]));

        Assert.That((seen, consumer.Callbacks.Count), Is.EqualTo((new List<string> { "sync:b", "async:b" }, 2)));
    }

    [Test]
    public void Declare_AutoDeclareOff_CreatesQueueAndBinding()
    {
        var connection = Connect();
        var consumer = Track(new CompatConsumer(connection, QueueName("late"), Name("ex"), "rk", durable: false, autoDeclare: false));

        consumer.Declare();
        SendAll(connection, "routed");

        Assert.That(FetchWithin(consumer, DeliveryTimeout)?.Payload, Is.EqualTo("routed"));
    }

    [Test]
    public async Task DeclareAsync_AutoDeclareOff_QueueReceivesMessages()
    {
        var connection = Connect();
        var consumer = Track(new CompatConsumer(connection, QueueName("late"), Name("ex"), "rk", durable: false, autoDeclare: false));

        await consumer.DeclareAsync();
        SendAll(connection, "routed");

        Assert.That(FetchWithin(consumer, DeliveryTimeout)?.Payload, Is.EqualTo("routed"));
    }

    [Test]
    public void ConsumerRevive_NewChannel_FetchesOnIt()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        var channel = connection.CreateChannel();
        SendAll(connection, "revived");

        consumer.Revive(channel);

        Assert.That((consumer.Backend, FetchWithin(consumer, DeliveryTimeout)?.Payload), Is.EqualTo((channel, (object)"revived")));
    }

    [Test]
    public void ConsumerClose_OwnChannel_CancelsAndClosesIt()
    {
        var consumer = NewConsumer(Connect());
        consumer.Consume();

        consumer.Close();

        Assert.That((consumer.IsClosed, consumer.Channel.IsOpen, consumer.ConsumingFrom(consumer.QueueName)),
            Is.EqualTo((true, false, false)));
    }

    [Test]
    public async Task ConsumerDispose_UsingBlock_ClosesTheChannel()
    {
        var connection = Connect();
        CompatConsumer outer;
        await using (var consumer = new CompatConsumer(connection, QueueName("q"), Name("ex"), durable: false))
            outer = consumer;

        Assert.That((outer.IsClosed, outer.Channel.IsOpen), Is.EqualTo((true, false)));
    }

    [Test]
    public void OnDecodeError_UndecodableBody_GetsTheMessage()
    {
        var connection = Connect();
        var errors = new List<Message>();
        var consumer = NewConsumer(connection, callbacks: [(_, _) => { }]);
        consumer.OnDecodeError = (message, _) => errors.Add(message);
        using (var publisher = NewPublisher(connection))
            publisher.Publish("{not json"u8.ToArray(), contentType: "application/json", contentEncoding: "utf-8");

        consumer.Wait(limit: 1, timeout: DeliveryTimeout);

        Assert.That(errors, Has.Count.EqualTo(1));
    }
}
