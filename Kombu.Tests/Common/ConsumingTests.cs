using Kombu.Common;

namespace Kombu.Tests.Common;

[Category("Unit")]
public sealed class ConsumingTests
{
    private static Queue Fill(Connection conn, params object?[] bodies)
    {
        var queue = new Queue("it" + Guid.NewGuid().ToString("N"));
        var producer = conn.CreateProducer();
        foreach (var body in bodies)
            producer.Publish(body, routingKey: queue.Name, declare: [queue]);
        return queue;
    }

    [Test]
    public void IterMessages_Limit_YieldsThatManyMessagesInOrder()
    {
        using var conn = new Connection("memory://");
        var queue = Fill(conn, "a", "b", "c");

        var bodies = Consuming.IterMessages(conn, conn.DefaultChannel, queue, limit: 2, timeout: TimeSpan.FromSeconds(5), noAck: true)
            .Select(m => m.Body).ToList();

        Assert.That(bodies, Is.EqualTo(new object?[] { "a", "b" }));
    }

    [Test]
    public void IterMessages_EmptyQueue_YieldsNothing()
    {
        using var conn = new Connection("memory://");
        var queue = Fill(conn);

        var messages = Consuming.IterMessages(conn, conn.DefaultChannel, queue, timeout: TimeSpan.FromMilliseconds(20)).ToList();

        Assert.That(messages, Is.Empty);
    }

    [Test]
    public void IterMessages_ExtraCallback_IsCalledToo()
    {
        using var conn = new Connection("memory://");
        var queue = Fill(conn, "x");
        var seen = new List<object?>();

        _ = Consuming.IterMessages(conn, conn.DefaultChannel, queue, timeout: TimeSpan.FromSeconds(5), noAck: true,
            callbacks: [(body, _) => seen.Add(body)]).ToList();

        Assert.That(seen, Is.EqualTo(new object?[] { "x" }));
    }

    [Test]
    public async Task IterMessagesAsync_Limit_YieldsMessages()
    {
        await using var conn = new Connection("memory://");
        var queue = Fill(conn, "a");
        var bodies = new List<object?>();

        await foreach (var (body, _) in Consuming.IterMessagesAsync(conn, conn.DefaultChannel, queue, timeout: TimeSpan.FromSeconds(5), noAck: true))
            bodies.Add(body);

        Assert.That(bodies, Is.EqualTo(new object?[] { "a" }));
    }

    [Test]
    public void DrainConsumer_ConsumerWithCallbacks_ReplacesThemAndYieldsMessages()
    {
        using var conn = new Connection("memory://");
        var queue = Fill(conn, "a", "b");
        var replaced = new List<object?>();
        var extra = new List<object?>();
        var consumer = new Consumer(conn.DefaultChannel, [queue], noAck: true, callbacks: [(body, _) => replaced.Add(body)]);

        var bodies = Consuming.DrainConsumer(consumer, limit: 2, timeout: TimeSpan.FromSeconds(5), callbacks: [(body, _) => extra.Add(body)])
            .Select(m => m.Body).ToList();

        Assert.That(bodies, Is.EqualTo(new object?[] { "a", "b" }));
        Assert.That(extra, Is.EqualTo(new object?[] { "a", "b" }));
        Assert.That(replaced, Is.Empty);
        Assert.That(consumer.ConsumingFrom(queue), Is.False, "the consumer is cancelled at the end");
    }

    [Test]
    public async Task DrainConsumerAsync_Limit_YieldsMessagesAndCancels()
    {
        await using var conn = new Connection("memory://");
        var queue = Fill(conn, "a");
        var consumer = new Consumer(conn.DefaultChannel, [queue], noAck: true);
        var bodies = new List<object?>();

        await foreach (var (body, _) in Consuming.DrainConsumerAsync(consumer, timeout: TimeSpan.FromSeconds(5)))
            bodies.Add(body);

        Assert.That(bodies, Is.EqualTo(new object?[] { "a" }));
        Assert.That(consumer.ConsumingFrom(queue), Is.False);
    }
}
