using Kombu.Exceptions;

namespace Kombu.Tests.Transports.Conformance;

public abstract partial class TransportConformanceTests
{
    [Test]
    public void Consume_DrainEvents_DeliversDecodedBodyToCallbacks()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("consume"));
        var bodies = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(body, message) => { bodies.Add(body); message.Ack(); }]);
        consumer.Consume();

        conn.CreateProducer().Publish(new Dictionary<string, object?> { ["n"] = 1L }, routingKey: queue.Name);
        DrainUntil(conn, () => bodies.Count == 1, DeliveryTimeout);

        Assert.That(bodies[0], Is.EqualTo(new Dictionary<string, object?> { ["n"] = 1L }));
    }

    [Test]
    public async Task ConsumeAsync_DrainEventsAsync_DeliversToAsyncCallback()
    {
        await using var conn = new Connection(Url);
        var queue = DeclareQueue(await conn.CreateChannelAsync(), Name("async"));
        var channel = queue.Channel;
        var received = new TaskCompletionSource<object?>();
        await using var consumer = new Consumer(channel, [queue]);
        consumer.RegisterCallback(async (body, message, ct) =>
        {
            await message.AckAsync(cancellationToken: ct);
            received.TrySetResult(body);
        });
        await consumer.ConsumeAsync();

        await new Producer(channel).PublishAsync("async body", routingKey: queue.Name, serializer: "json");
        while (!received.Task.IsCompleted)
            await conn.DrainEventsAsync(DeliveryTimeout);

        Assert.That(await received.Task, Is.EqualTo("async body"));
    }

    [Test]
    public void DrainEvents_NothingToDeliver_ThrowsTimeoutException()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("idle"));
        using var consumer = conn.CreateConsumer([queue], callbacks: [(_, _) => { }]);
        consumer.Consume();

        Assert.That(() => conn.DrainEvents(TimeSpan.FromMilliseconds(100)), Throws.InstanceOf<TimeoutException>());
    }

    [Test]
    public void Ack_Twice_ThrowsMessageStateException()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("ack2"));
        conn.CreateProducer().Publish("x", routingKey: queue.Name);
        var message = GetRequired(queue);

        message.Ack();

        Assert.That(message.Acknowledged, Is.True);
        Assert.That(message.State, Is.EqualTo(MessageState.Ack));
        Assert.That(() => message.Ack(), Throws.TypeOf<MessageStateException>().With.Message.EqualTo("Message already acknowledged with state: ACK"));
        Assert.That(() => message.Reject(), Throws.TypeOf<MessageStateException>());
    }

    [Test]
    public void Requeue_PutsMessageBack()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("requeue"));
        conn.CreateProducer().Publish("again", routingKey: queue.Name);

        GetRequired(queue).Requeue();
        var second = GetRequired(queue);

        Assert.That(second.Decode(), Is.EqualTo("again"));
        second.Ack();
    }

    [Test]
    public void Reject_WithoutRequeue_DiscardsMessage()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("reject"));
        conn.CreateProducer().Publish("gone", routingKey: queue.Name);

        var message = GetRequired(queue);
        message.Reject();

        Assert.That(message.State, Is.EqualTo(MessageState.Rejected));
        Assert.That(GetWithin(queue, SilenceTimeout), Is.Null);
    }

    [Test]
    public void Close_WithUnackedMessage_RestoresIt()
    {
        string queueName;
        using (var first = new Connection(Url))
        {
            var queue = DeclareQueue(first.DefaultChannel, Name("restore"));
            queueName = queue.Name;
            first.CreateProducer().Publish("keep me", routingKey: queueName);
            Assert.That(GetRequired(queue).Acknowledged, Is.False);
        }

        using var second = Connect();
        var again = new Queue(queueName, durable: false).Bind(second.DefaultChannel);

        Assert.That(GetRequired(again).Decode(), Is.EqualTo("keep me"));
    }

    [Test]
    public void Qos_PrefetchCount_LimitsUnackedDeliveries()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("qos"));
        var producer = conn.CreateProducer();
        for (var i = 0; i < 3; i++)
            producer.Publish(i, routingKey: queue.Name);
        var held = new List<Message>();
        using var consumer = conn.CreateConsumer([queue], prefetchCount: 1, callbacks: [(_, message) => held.Add(message)]);
        consumer.Consume();

        DrainUntil(conn, () => held.Count == 1, DeliveryTimeout);
        Assert.That(() => conn.DrainEvents(SilenceTimeout), Throws.InstanceOf<TimeoutException>());
        held[0].Ack();
        DrainUntil(conn, () => held.Count == 2, DeliveryTimeout);

        Assert.That(held.Select(m => m.Decode()), Is.EqualTo(new object[] { 0L, 1L }));
    }

    [Test]
    public void Purge_RemovesReadyMessagesAndCountsThem()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("purge"));
        var producer = conn.CreateProducer();
        producer.Publish("a", routingKey: queue.Name);
        producer.Publish("b", routingKey: queue.Name);
        WaitForCount(queue, 2);

        var purged = queue.Purge();

        Assert.That(purged, Is.EqualTo(2));
        Assert.That(GetWithin(queue, SilenceTimeout), Is.Null);
    }

    [Test]
    public async Task DecodeError_ReachesOnDecodeError_AndMessageStaysRecoverable()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("baddecode"));
        conn.CreateProducer().Publish("{not json"u8.ToArray(), routingKey: queue.Name, contentType: "application/json",
            contentEncoding: "utf-8");
        var errors = new List<(Message Message, Exception Error)>();
        var channel = conn.CreateChannel();
        var consumer = new Consumer(channel, [queue], onDecodeError: (m, e) => errors.Add((m, e)),
            callbacks: [(_, _) => Assert.Fail("A body that cannot be decoded must not reach the callbacks.")]);
        consumer.Consume();

        DrainUntil(conn, () => errors.Count == 1, DeliveryTimeout);
        Assert.That(errors[0].Error, Is.InstanceOf<DecodeException>());
        Assert.That(errors[0].Message.Acknowledged, Is.False);
        await channel.CloseAsync();

        var recovered = GetRequired(queue);
        Assert.That(recovered.Body, Is.EqualTo("{not json"u8.ToArray()));
    }

    [Test]
    public void Consumer_AcceptList_RefusesOtherContentTypes()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("accept"));
        conn.CreateProducer().Publish("plain text", routingKey: queue.Name);
        var errors = new List<Exception>();
        using var consumer = conn.CreateConsumer([queue], accept: ["json"], onDecodeError: (_, e) => errors.Add(e),
            callbacks: [(_, _) => { }]);
        consumer.Consume();

        DrainUntil(conn, () => errors.Count == 1, DeliveryTimeout);

        Assert.That(errors[0], Is.TypeOf<ContentDisallowedException>().With.Message.Contains("text/plain"));
    }

    [Test]
    public void Receive_WithoutCallbacks_Throws()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("nocb"));
        using var consumer = conn.CreateConsumer([queue]);
        conn.CreateProducer().Publish("x", routingKey: queue.Name);

        Assert.That(() => consumer.Receive("x", GetRequired(queue)), Throws.InvalidOperationException);
    }

    [Test]
    public void Cancel_StopsDeliveries()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("cancel"));
        var count = 0;
        using var consumer = conn.CreateConsumer([queue], callbacks: [(_, m) => { count++; m.Ack(); }]);
        consumer.Consume();
        Assert.That(consumer.ConsumingFrom(queue.Name), Is.True);

        consumer.CancelByQueue(queue.Name);
        conn.CreateProducer().Publish("x", routingKey: queue.Name);

        Assert.That(consumer.ConsumingFrom(queue.Name), Is.False);
        Assert.That(() => conn.DrainEvents(SilenceTimeout), Throws.InstanceOf<TimeoutException>());
        Assert.That(count, Is.Zero);
    }

    private void WaitForCount(Queue queue, long expected)
    {
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (queue.QueueDeclare(passive: true).MessageCount < expected && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
    }
}
