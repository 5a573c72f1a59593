namespace Kombu.Tests.Transports.Conformance;

public abstract partial class TransportConformanceTests
{
    [Test]
    public void PublishBatch_DefaultExchange_DeliversEveryMessageWithItsHeadersAndProperties()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("batch"));
        var received = new List<Message>();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(_, message) => { received.Add(message); message.Ack(); }]);
        consumer.Consume();

        // 23 messages: more than two SQS SendMessageBatch calls of 10.
        conn.CreateProducer().PublishBatch(Enumerable.Range(0, 23).Select(i => (object?)(long)i), routingKey: queue.Name,
            headers: new Dictionary<string, object?> { ["x-batch"] = "b1" }, correlationId: "c-batch");
        DrainUntil(conn, () => received.Count == 23, DeliveryTimeout);

        Assert.That(received.Select(m => m.Decode()), Is.EquivalentTo(Enumerable.Range(0, 23).Select(i => (object)(long)i)));
        Assert.That(received.Select(m => m.Headers["x-batch"]).Distinct(), Is.EqualTo(new[] { "b1" }));
        Assert.That(received.Select(m => m.Properties["correlation_id"]).Distinct(), Is.EqualTo(new[] { "c-batch" }));
    }

    [Test]
    public async Task PublishBatchAsync_DirectExchange_EveryBoundQueueGetsTheWholeBatch()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("bx"), "direct", durable: false);
        var first = DeclareQueue(conn.DefaultChannel, Name("b1"), exchange, "k");
        var second = DeclareQueue(conn.DefaultChannel, Name("b2"), exchange, "k");

        await conn.CreateProducer(exchange: exchange).PublishBatchAsync(["a", "b", "c"], routingKey: "k");

        foreach (var queue in new[] { first, second })
        {
            var bodies = Enumerable.Range(0, 3).Select(_ => GetRequired(queue, noAck: true).Decode()).ToList();
            Assert.That(bodies, Is.EquivalentTo(new[] { "a", "b", "c" }), queue.Name);
        }
    }

    [Test]
    public void PublishBatch_NoBodies_PublishesNothing()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("bempty"));

        conn.CreateProducer().PublishBatch([], routingKey: queue.Name);

        Assert.That(GetWithin(queue, SilenceTimeout, noAck: true), Is.Null);
    }
}
