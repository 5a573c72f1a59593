using Kombu.Exceptions;
using CompatConsumer = Kombu.Compat.Consumer;

namespace Kombu.Tests.Compat;

public abstract partial class CompatTests
{
    [Test]
    public void Wait_Limit_CallsTheCallbackForEachMessage()
    {
        var connection = Connect();
        var seen = new List<object?>();
        var consumer = NewConsumer(connection, callbacks: [(body, message) => { seen.Add(body); message.Ack(); }]);
        SendAll(connection, "a", "b", "c");

        consumer.Wait(limit: 3, timeout: DeliveryTimeout);

        Assert.That(seen, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void Wait_CarrotLoop_CallbackEndsItByClosing()
    {
        var connection = Connect();
        var seen = new List<object?>();
        CompatConsumer? consumer = null;
        consumer = NewConsumer(connection, callbacks: [(body, message) =>
        {
            seen.Add(body);
            message.Ack();
            if (seen.Count == 2)
                throw new OperationCanceledException("stop waiting");
        }]);
        SendAll(connection, 1, 2, 3);

        Assert.That(() => consumer.Wait(timeout: DeliveryTimeout), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(seen.Select(Convert.ToInt32), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Wait_NothingArrives_ThrowsTimeout()
    {
        var consumer = NewConsumer(Connect(), callbacks: [(_, _) => { }]);

        Assert.That(() => consumer.Wait(limit: 1, timeout: SilenceTimeout), Throws.InstanceOf<TimeoutException>());
    }

    [Test]
    public async Task WaitAsync_Limit_CallsTheCallbackForEachMessage()
    {
        var connection = Connect();
        var seen = new List<object?>();
        var consumer = NewConsumer(connection, callbacks: [(body, message) => { seen.Add(body); message.Ack(); }]);
        SendAll(connection, "a", "b");

        await consumer.WaitAsync(limit: 2, timeout: DeliveryTimeout);

        Assert.That(seen, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void IterConsume_Limit_YieldsOncePerDrain()
    {
        var connection = Connect();
        var seen = new List<object?>();
        var consumer = NewConsumer(connection, noAck: true, callbacks: [(body, _) => seen.Add(body)]);
        SendAll(connection, "a", "b");

        var drains = consumer.IterConsume(limit: 2, timeout: DeliveryTimeout).ToList();

        Assert.That((drains, seen), Is.EqualTo((new List<int> { 0, 1 }, new List<object?> { "a", "b" })));
    }

    [Test]
    public async Task IterConsumeAsync_Limit_StartsConsumingFirst()
    {
        var connection = Connect();
        var seen = new List<object?>();
        var consumer = NewConsumer(connection, noAck: true, callbacks: [(body, _) => seen.Add(body)]);
        SendAll(connection, "x");

        await foreach (var _ in consumer.IterConsumeAsync(limit: 1, timeout: DeliveryTimeout))
        {
        }

        Assert.That((consumer.ConsumingFrom(consumer.QueueName), seen.Count), Is.EqualTo((true, 1)));
    }

    [Test]
    public void Consume_Started_IsConsumingFromTheQueue()
    {
        var consumer = NewConsumer(Connect());

        consumer.Consume();

        Assert.That((consumer.ConsumingFrom(consumer.QueueName), consumer.ConsumingFrom(consumer.Queues[0])),
            Is.EqualTo((true, true)));
    }

    [Test]
    public void ConsumingFrom_NotStarted_IsFalse()
    {
        var consumer = NewConsumer(Connect());

        Assert.That(consumer.ConsumingFrom(consumer.QueueName), Is.False);
    }

    [Test]
    public async Task Cancel_Consuming_StopsEveryQueueConsumer()
    {
        var consumer = NewConsumer(Connect());
        await consumer.ConsumeAsync();

        consumer.Cancel();

        Assert.That(consumer.ConsumingFrom(consumer.QueueName), Is.False);
    }

    [Test]
    public async Task CancelAsync_Consuming_StopsEveryQueueConsumer()
    {
        var consumer = NewConsumer(Connect());
        consumer.Consume();

        await consumer.CancelAsync();

        Assert.That(consumer.ConsumingFrom(consumer.QueueName), Is.False);
    }

    [Test]
    public void CancelByQueue_Consuming_StopsAndForgetsThatQueue()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        var extra = consumer.AddQueue(new Queue(QueueName("extra"), new Exchange(Name("ex"), durable: false), "rk", durable: false));
        consumer.Consume();

        consumer.CancelByQueue(extra.Name);

        Assert.That((consumer.ConsumingFrom(extra.Name), consumer.ConsumingFrom(consumer.QueueName), consumer.Queues.Count),
            Is.EqualTo((false, true, 1)));
    }

    [Test]
    public async Task CancelByQueueAsync_LastQueue_FetchThrows()
    {
        var consumer = NewConsumer(Connect());

        await consumer.CancelByQueueAsync(consumer.QueueName);

        Assert.That(() => consumer.Fetch(), Throws.InvalidOperationException);
    }

    [Test]
    public void AddQueue_ExtraQueue_IsConsumedToo()
    {
        var connection = Connect();
        var seen = new List<object?>();
        var consumer = NewConsumer(connection, noAck: true, callbacks: [(body, _) => seen.Add(body)]);
        consumer.AddQueue(new Queue(QueueName("extra"), new Exchange(Name("ex"), durable: false), "other", durable: false));
        SendAll(connection, "first");
        using (var publisher = NewPublisher(connection, routingKey: "other"))
            publisher.Send("second");

        consumer.Wait(limit: 2, timeout: DeliveryTimeout);

        Assert.That(seen, Is.EquivalentTo(new[] { "first", "second" }));
    }

    [Test]
    public async Task Purge_MessagesReady_ReturnsTheirNumber()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        SendAll(connection, "a", "b");
        WaitForReady(connection, 2);

        var purged = consumer.Purge();

        Assert.That((purged, await consumer.PurgeAsync()), Is.EqualTo((2L, 0L)));
    }

    [Test]
    public void Flow_Pause_IsRefusedWithClearError()
    {
        // Neither virtual transports nor RabbitMQ accept a client asking the broker to pause deliveries.
        var consumer = NewConsumer(Connect());

        Assert.That(() => consumer.Flow(false), Throws.InstanceOf<UnsupportedOperationException>());
    }

    [Test]
    public void Qos_PrefetchCount_IsAccepted()
    {
        var consumer = NewConsumer(Connect());

        consumer.Qos(prefetchCount: 5);

        Assert.That(async () => await consumer.QosAsync(prefetchCount: 1), Throws.Nothing);
    }

    [Test]
    public async Task RecoverAsync_UnackedMessage_IsRedelivered()
    {
        var connection = Connect();
        var consumer = NewConsumer(connection);
        SendAll(connection, "lost");
        FetchWithin(consumer, DeliveryTimeout);

        await consumer.RecoverAsync(requeue: true);

        Assert.That(FetchWithin(consumer, DeliveryTimeout)?.Payload, Is.EqualTo("lost"));
    }
}
