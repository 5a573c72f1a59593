using CompatConsumer = Kombu.Compat.Consumer;

namespace Kombu.Tests.Compat;

public abstract partial class CompatTests
{
    [Test]
    public void ConsumerCtor_NoOptions_UsesCarrotDefaults()
    {
        var connection = Connect();
        using var consumer = new CompatConsumer(connection, queue: QueueName("q"), exchange: Name("ex"));

        Assert.That((consumer.ExchangeType, consumer.Durable, consumer.Exclusive, consumer.AutoDelete, consumer.NoAck,
                consumer.RoutingKey, consumer.QueueName, consumer.ExchangeName, consumer.Connection),
            Is.EqualTo(("direct", true, false, false, false, "", Name("q"), Name("ex"), connection)));
    }

    [Test]
    public void ConsumerCtor_NoQueueName_BrokerGeneratesOne()
    {
        var connection = Connect();
        using var consumer = new CompatConsumer(connection, exchange: Name("ex"), durable: false, exclusive: true);

        Assert.That(consumer.QueueName, Is.Not.Empty);
    }

    [Test]
    public void ConsumerCtor_Always_OpensItsOwnChannel()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);

        Assert.That((consumer.Backend, consumer.Backend == connection.DefaultChannel),
            Is.EqualTo((consumer.Channel, false)));
    }

    [Test]
    public void Fetch_EmptyQueue_ReturnsNull()
    {
        var consumer = NewConsumer(Connect());

        Assert.That(consumer.Fetch(), Is.Null);
    }

    [Test]
    public void Fetch_MessageReady_ReturnsItWithoutCallingCallbacks()
    {
        var connection = Connect();
        var called = 0;
        var consumer = NewConsumer(connection, callbacks: [(_, _) => called++]);
        SendAll(connection, "polled");

        var message = FetchWithin(consumer, DeliveryTimeout);

        Assert.That((message?.Payload, called), Is.EqualTo(((object)"polled", 0)));
    }

    [Test]
    public void Fetch_EnableCallbacks_CallsEveryCallback()
    {
        var connection = Connect();
        var seen = new List<string>();
        var consumer = NewConsumer(connection, callbacks: [(body, _) => seen.Add($"a:{body}"), (body, _) => seen.Add($"b:{body}")]);
        SendAll(connection, "x");

        FetchWithin(consumer, DeliveryTimeout, enableCallbacks: true);

        Assert.That(seen, Is.EqualTo(new[] { "a:x", "b:x" }));
    }

    [Test]
    public void Fetch_PollingLoop_GetsEveryMessageInOrder()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        SendAll(connection, 1, 2, 3);

        var bodies = Drain(consumer, 3);

        Assert.That(bodies.Select(Convert.ToInt32), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void Fetch_NoAckFalseNotAcked_RecoverRedeliversIt()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        SendAll(connection, "again");
        FetchWithin(consumer, DeliveryTimeout);

        consumer.Recover(requeue: true);

        Assert.That(FetchWithin(consumer, DeliveryTimeout)?.Payload, Is.EqualTo("again"));
    }

    [Test]
    public async Task FetchAsync_EnableCallbacks_CallsCallbacks()
    {
        var connection = Connect();
        var seen = new List<object?>();
        var consumer = NewConsumer(connection, callbacks: [(body, _) => seen.Add(body)]);
        SendAll(connection, "async");
        WaitForReady(connection, 1);

        var message = await consumer.FetchAsync(enableCallbacks: true);

        Assert.That((message?.Payload, seen.Count), Is.EqualTo(((object)"async", 1)));
    }

    [Test]
    public void ProcessNext_MessageReady_CallsCallbacksAndReturnsIt()
    {
        var connection = Connect();
        var seen = new List<object?>();
        var consumer = NewConsumer(connection, callbacks: [(body, message) => { seen.Add(body); message.Ack(); }]);
        SendAll(connection, "next");
        WaitForReady(connection, 1);

        var message = consumer.ProcessNext();

        Assert.That((message?.Payload, seen), Is.EqualTo(((object)"next", new List<object?> { "next" })));
    }

    [Test]
    public void ProcessNext_NoCallbacks_Throws()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        SendAll(connection, "orphan");
        WaitForReady(connection, 1);

        Assert.That(() => consumer.ProcessNext(), Throws.InvalidOperationException);
    }

    [Test]
    public async Task ProcessNextAsync_EmptyQueue_ReturnsNull()
    {
        var consumer = NewConsumer(Connect(), callbacks: [(_, _) => { }]);

        Assert.That(await consumer.ProcessNextAsync(), Is.Null);
    }

    [Test]
    public void DiscardAll_NoFilter_ReturnsNumberDiscarded()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        SendAll(connection, "a", "b", "c");
        WaitForReady(connection, 3);

        var discarded = consumer.DiscardAll();

        Assert.That((discarded, consumer.Fetch()), Is.EqualTo((3L, (Message?)null)));
    }

    [Test]
    public void DiscardAll_Filter_DiscardsOnlyMatchingMessages()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        SendAll(connection, "drop", "keep", "drop");
        WaitForReady(connection, 3);

        var discarded = consumer.DiscardAll(message => Equals(message.Payload, "drop"));

        Assert.That((discarded, Drain(consumer, 1)), Is.EqualTo((2L, new List<object?> { "keep" })));
    }

    [Test]
    public void DiscardAll_FilterWithNoAck_Throws()
    {
        var consumer = NewConsumer(Connect(), noAck: true);

        Assert.That(() => consumer.DiscardAll(_ => true), Throws.InvalidOperationException);
    }

    [Test]
    public async Task DiscardAllAsync_Filter_ReturnsNumberDiscarded()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        SendAll(connection, 1, 2, 3, 4);
        WaitForReady(connection, 4);

        var discarded = await consumer.DiscardAllAsync(message => Convert.ToInt32(message.Payload) % 2 == 0);

        Assert.That((discarded, await consumer.DiscardAllAsync()), Is.EqualTo((2L, 2L)));
    }

    [Test]
    public void IterQueue_Finite_StopsWhenTheQueueIsEmpty()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection, noAck: true);
        SendAll(connection, "a", "b");
        WaitForReady(connection, 2);

        var bodies = consumer.IterQueue().Select(m => m!.Payload).ToList();

        Assert.That(bodies, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void IterQueue_Limit_FetchesNoMoreThanTheLimit()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection, noAck: true);
        SendAll(connection, "a", "b", "c");
        WaitForReady(connection, 3);

        var taken = consumer.IterQueue(limit: 2).Count();

        Assert.That((taken, consumer.DiscardAll()), Is.EqualTo((2, 1L)));
    }

    [Test]
    public void IterQueue_Infinite_YieldsNullWhenEmpty()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection, noAck: true);
        SendAll(connection, "only");
        WaitForReady(connection, 1);

        var got = consumer.IterQueue(infinite: true).Take(3).Select(m => m?.Payload).ToList();

        Assert.That(got, Is.EqualTo(new object?[] { "only", null, null }));
    }

    [Test]
    public async Task IterQueueAsync_InfiniteWithLimit_StopsAtLimit()
    {
        var consumer = NewConsumer(Connect(), noAck: true);
        var got = new List<Message?>();

        await foreach (var message in consumer.IterQueueAsync(limit: 2, infinite: true))
            got.Add(message);

        Assert.That(got, Is.EqualTo(new Message?[] { null, null }));
    }

    [Test]
    public void GetEnumerator_Foreach_PollsLikeCarrot()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection, noAck: true);
        SendAll(connection, "a", "b");
        WaitForReady(connection, 2);
        var bodies = new List<object?>();

        foreach (var message in consumer)
        {
            if (message is null)
                break;
            bodies.Add(message.Payload);
        }

        Assert.That(bodies, Is.EqualTo(new[] { "a", "b" }));
    }
}
