using Kombu.Compat;

namespace Kombu.Tests.Compat;

public abstract partial class CompatTests
{
    private Dictionary<string, IDictionary<string, object?>> CarrotQueues(params string[] suffixes) =>
        suffixes.ToDictionary(s => QueueName(s), s => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["exchange"] = Name("set-ex"),
            ["exchange_type"] = "topic",
            ["routing_key"] = $"{s}.#",
            ["durable"] = false,
        });

    private void SendTopic(Connection connection, string routingKey, object body)
    {
        using var publisher = new Publisher(connection, Name("set-ex"), exchangeType: "topic", durable: false);
        publisher.Send(body, routingKey: routingKey);
    }

    [Test]
    public void ConsumerSetCtor_FromDict_BuildsQueuesWithCarrotOptions()
    {
        var set = Track(new ConsumerSet(Connect(), fromDict: CarrotQueues("a", "b")));

        Assert.That(set.Queues.Select(q => (q.Name, q.Exchange!.Type, q.RoutingKey, q.Durable)),
            Is.EquivalentTo(new[] { (Name("a"), "topic", "a.#", false), (Name("b"), "topic", "b.#", false) }));
    }

    [Test]
    public void ConsumerSetCtor_Consumers_TakesTheirQueues()
    {
        var connection = Connect();
        var first = NewConsumer(connection, "one");
        var second = NewConsumer(connection, "two");

        var set = Track(new ConsumerSet(connection, consumers: [first, second]));

        Assert.That(set.Queues.Select(q => q.Name), Is.EqualTo(new[] { Name("one"), Name("two") }));
    }

    [Test]
    public void ConsumerSetIterConsume_SeveralQueues_CallsCallbacksForEach()
    {
        var connection = Connect();
        var seen = new List<object?>();
        var set = Track(new ConsumerSet(connection, CarrotQueues("a", "b"), noAck: true, callbacks: [(body, _) => seen.Add(body)]));
        SendTopic(connection, "a.x", "to a");
        SendTopic(connection, "b.y", "to b");

        var drains = set.IterConsume(limit: 2, timeout: DeliveryTimeout).Count();

        Assert.That((drains, seen), Is.EqualTo((2, new List<object?> { "to a", "to b" })).Or.EqualTo((2, new List<object?> { "to b", "to a" })));
    }

    [Test]
    public void AddConsumer_CompatConsumer_AddsItsQueues()
    {
        var connection = Connect();
        var set = Track(new ConsumerSet(connection));

        set.AddConsumer(NewConsumer(connection, "added"));

        Assert.That(set.Queues.Select(q => q.Name), Is.EqualTo(new[] { Name("added") }));
    }

    [Test]
    public void AddConsumerFromDict_CarrotOptions_DeclaresAndConsumes()
    {
        var connection = Connect();
        var seen = new List<object?>();
        var set = Track(new ConsumerSet(connection, callbacks: [(body, m) => { seen.Add(body); m.Ack(); }]));

        var queue = set.AddConsumerFromDict(QueueName("d"), CarrotQueues("d")[Name("d")]);
        SendTopic(connection, "d.1", "dict");
        set.Consume();
        connection.DrainEvents(DeliveryTimeout);

        Assert.That((queue.Exchange!.Type, set.ConsumingFrom(queue.Name), seen), Is.EqualTo(("topic", true, new List<object?> { "dict" })));
    }

    [Test]
    public void ConsumerSetAddQueue_Queue_BindsItToTheSetChannel()
    {
        var set = Track(new ConsumerSet(Connect()));

        var queue = set.AddQueue(new Queue(QueueName("q"), durable: false));

        Assert.That((queue.Channel, set.Queues.Count), Is.EqualTo((set.Channel, 1)));
    }

    [Test]
    public async Task ConsumerSetDiscardAll_MessagesReady_ReturnsTheirNumber()
    {
        var connection = Connect();
        var set = Track(new ConsumerSet(connection, CarrotQueues("a", "b")));
        SendTopic(connection, "a.1", 1);
        SendTopic(connection, "b.1", 2);
        SendTopic(connection, "b.2", 3);
        WaitForReady(connection, 3, "a", "b");

        Assert.That((set.DiscardAll(), await set.DiscardAllAsync()), Is.EqualTo((3L, 0L)));
    }

    [Test]
    public void ConsumerSetCancelByQueue_OneOfTwo_KeepsTheOther()
    {
        var set = Track(new ConsumerSet(Connect(), CarrotQueues("a", "b")));
        set.Consume();

        set.CancelByQueue(Name("a"));

        Assert.That((set.ConsumingFrom(Name("a")), set.ConsumingFrom(Name("b"))), Is.EqualTo((false, true)));
    }

    [Test]
    public void ConsumerSetCancel_Consuming_StopsAll()
    {
        var set = Track(new ConsumerSet(Connect(), CarrotQueues("a", "b")));
        set.Consume();

        set.Cancel();

        Assert.That(set.Queues.Any(set.ConsumingFrom), Is.False);
    }

    [Test]
    public void ConsumerSetQosRecoverFlow_OnTheSetChannel_BehaveAsOnConsumer()
    {
        var connection = Connect();
        var set = Track(new ConsumerSet(connection, CarrotQueues("a")));
        SendTopic(connection, "a.1", "unacked");
        WaitForReady(connection, 1, "a");
        set.Qos(prefetchCount: 10);
        set.Queues[0].Get();

        set.Recover(requeue: true);

        Assert.That(set.Queues[0].Get()?.Payload, Is.EqualTo("unacked"));
        Assert.That(() => set.Flow(false), Throws.InstanceOf<Kombu.Exceptions.UnsupportedOperationException>());
    }

    [Test]
    public void ConsumerSetReceive_RegisteredCallback_IsCalled()
    {
        var set = Track(new ConsumerSet(Connect()));
        object? got = null;
        set.RegisterCallback((body, _) => got = body);

        set.Receive("direct", new Message(set.Channel, [1]));

        Assert.That(got, Is.EqualTo("direct"));
    }

    [Test]
    public void ConsumerSetRevive_NewChannel_RebindsQueues()
    {
        var connection = Connect();
        var set = Track(new ConsumerSet(connection, CarrotQueues("a")));
        var channel = connection.CreateChannel();

        set.Revive(channel);

        Assert.That((set.Backend, set.Queues[0].Channel), Is.EqualTo((channel, channel)));
    }

    [Test]
    public void ConsumerSetClose_GivenChannel_LeavesItOpen()
    {
        var connection = Connect();
        using var channel = connection.CreateChannel();
        var set = new ConsumerSet(connection, CarrotQueues("a"), channel: channel);

        set.Close();

        Assert.That((set.IsClosed, channel.IsOpen), Is.EqualTo((true, true)));
    }

    [Test]
    public void ConsumerSetClose_OwnChannel_ClosesIt()
    {
        var set = new ConsumerSet(Connect(), CarrotQueues("a"));

        set.Close();

        Assert.That(set.Channel.IsOpen, Is.False);
    }
}
