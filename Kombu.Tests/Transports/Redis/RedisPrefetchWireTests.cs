using Kombu.Serialization;

namespace Kombu.Tests.Transports.Redis;

/// <summary>
/// Proves the prefetching pop of a consumer with a prefetch window: every message it takes is recorded in
/// <c>unacked</c> in Kombu's format, and messages taken but not delivered go back in order, unrecorded.
/// </summary>
[TestFixture]
public sealed class RedisPrefetchWireTests : RedisWireTestBase
{
    [Test]
    public void FirstDelivery_TakesTheWindow_AndRecordsEachInKombusFormat()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("pf"));
        var raws = PublishNumbered(conn, queue, 5);
        List<Message> received = [];
        using var consumer = conn.CreateConsumer([queue], callbacks: [(_, m) => received.Add(m)], prefetchCount: 3);
        consumer.Consume();

        conn.DrainEvents(TimeSpan.FromSeconds(5));

        Assert.That(received, Has.Count.EqualTo(1));
        Assert.That(Redis.ListLength(KeyPrefix + queue.Name), Is.EqualTo(2), "the window of 3 was taken in one pop");
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.EqualTo(3));
        Assert.That(Redis.SortedSetLength(KeyPrefix + "unacked_index"), Is.EqualTo(3));
        var tag = received[0].DeliveryTag.ToString();
        var entry = (IList<object?>)KombuJson.Deserialize((string)Redis.HashGet(KeyPrefix + "unacked", tag)!)!;
        var oldest = raws[^1];
        Assert.That(KombuJson.Serialize(entry[0]), Is.EqualTo(KombuJson.Serialize(KombuJson.Deserialize(oldest))));
        Assert.That(entry[1], Is.EqualTo(""));
        Assert.That(entry[2], Is.EqualTo(queue.Name));
        Assert.That(received[0].Decode(), Is.EqualTo("m0"));
    }

    [Test]
    public void AckingEachMessage_DeliversAllInOrder_AndLeavesNoRecords()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("pfack"));
        PublishNumbered(conn, queue, 25);
        List<object?> bodies = [];
        using var consumer = conn.CreateConsumer([queue], callbacks: [(body, m) =>
        {
            bodies.Add(body);
            m.Ack();
        }], prefetchCount: 10);
        consumer.Consume();

        while (bodies.Count < 25)
            conn.DrainEvents(TimeSpan.FromSeconds(5));

        Assert.That(bodies, Is.EqualTo(Enumerable.Range(0, 25).Select(i => (object?)$"m{i}")));
        // The acks are pipelined (their replies are not awaited); a later command on the same connection runs after them.
        Assert.That(queue.Bind(conn.DefaultChannel).Get(), Is.Null);
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
        Assert.That(Redis.SortedSetLength(KeyPrefix + "unacked_index"), Is.Zero);
    }

    [Test]
    public void WindowOfOne_ThePopRecordsAtOnceAndNamesItInTheInflightKey_DeletedWhenTheChannelCloses()
    {
        var conn = Connect();
        var queue = DeclareQueue(conn, Name("pf1"));
        PublishNumbered(conn, queue, 2);
        List<Message> received = [];
        var consumer = conn.CreateConsumer([queue], callbacks: [(_, m) => received.Add(m)], prefetchCount: 1);
        consumer.Consume();

        conn.DrainEvents(TimeSpan.FromSeconds(5));

        Assert.That(received, Has.Count.EqualTo(1));
        var tag = received[0].DeliveryTag.ToString();
        Assert.That(Redis.HashExists(KeyPrefix + "unacked", tag), Is.True, "recorded by the pop itself");
        var inflight = Redis.Multiplexer.GetServer("127.0.0.1", 6379).Keys(Db, KeyPrefix + "inflight:*").ToArray();
        Assert.That(inflight, Has.Length.EqualTo(1));
        var entry = Redis.ListRange(inflight[0]).Select(v => (string)v!).ToArray();
        Assert.That(entry[1..3], Is.EqualTo(new[] { tag, KeyPrefix + queue.Name }), "call number, then tag, list, length");
        Assert.That(Redis.KeyTimeToLive(inflight[0]), Is.GreaterThan(TimeSpan.FromMinutes(59)), "expires after the visibility timeout");

        received[0].Ack();
        consumer.Dispose();
        conn.Dispose();

        Assert.That(Redis.KeyExists(inflight[0]), Is.False);
        Assert.That(Redis.ListLength(KeyPrefix + queue.Name), Is.EqualTo(1));
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
    }

    [Test]
    public void ManyQueues_OnePopTakesAShareFromEachQueuePolledNext_AndDeliversInTurn()
    {
        using var conn = Connect();
        Queue[] queues = [DeclareQueue(conn, Name("mq0")), DeclareQueue(conn, Name("mq1")), DeclareQueue(conn, Name("mq2"))];
        foreach (var queue in queues)
            PublishNumbered(conn, queue, 2);
        List<string> received = [];
        using var consumer = conn.CreateConsumer(queues, callbacks: [(body, m) =>
        {
            received.Add($"{m.DeliveryInfo["routing_key"]}:{body}");
            m.Ack();
        }], prefetchCount: 6);
        consumer.Consume();

        conn.DrainEvents(TimeSpan.FromSeconds(5));

        Assert.That(queues.Select(q => Redis.ListLength(KeyPrefix + q.Name)), Is.All.Zero, "the window of 6 was taken in one pop, 2 a queue");
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.EqualTo(5), "each prefetched message is recorded");
        while (received.Count < 6)
            conn.DrainEvents(TimeSpan.FromSeconds(5));
        Assert.That(received, Is.EqualTo(new[] { 0, 1 }.SelectMany(i => queues.Select(q => $"{q.Name}:m{i}"))), "the fair cycle takes turns");
        // The acks are pipelined (their replies are not awaited); a later command on the same connection runs after them.
        Assert.That(queues[0].Bind(conn.DefaultChannel).Get(), Is.Null);
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
    }

    [Test]
    public void LargeMessage_IsRecordedUnderItsDeliveryTag()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("pflarge"));
        var body = new string('x', 20_000);
        conn.CreateProducer().Publish(body, routingKey: queue.Name);
        var raw = ListItems(queue.Name)[0];
        List<Message> received = [];
        using var consumer = conn.CreateConsumer([queue], callbacks: [(_, m) => received.Add(m)], prefetchCount: 3);
        consumer.Consume();

        conn.DrainEvents(TimeSpan.FromSeconds(5));

        var stored = Redis.HashGet(KeyPrefix + "unacked", received[0].DeliveryTag.ToString());
        Assert.That(stored.IsNull, Is.False, "the delivery tag was found in a message decoded without its body");
        var entry = (IList<object?>)KombuJson.Deserialize((string)stored!)!;
        Assert.That(KombuJson.Serialize(entry[0]), Is.EqualTo(KombuJson.Serialize(KombuJson.Deserialize(raw))));
        Assert.That(received[0].Decode(), Is.EqualTo(body));
    }

    [Test]
    public void Cancel_PutsUndeliveredPrefetchBackInOrder_Unmarked_AndForgetsTheirRecords()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("pfcancel"));
        var raws = PublishNumbered(conn, queue, 4);
        List<Message> received = [];
        var consumer = conn.CreateConsumer([queue], callbacks: [(_, m) =>
        {
            received.Add(m);
            m.Ack();
        }], prefetchCount: 4);
        consumer.Consume();
        conn.DrainEvents(TimeSpan.FromSeconds(5));

        consumer.Cancel();

        Assert.That(received, Has.Count.EqualTo(1));
        Assert.That(ListItems(queue.Name), Is.EqualTo(raws.Take(3)), "m1..m3 are back exactly as published, m1 next");
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
        Assert.That(queue.Bind(conn.DefaultChannel).Get()!.Decode(), Is.EqualTo("m1"));
    }

    [Test]
    public void Close_PutsUndeliveredPrefetchBack_AndRestoresTheUnackedDelivery()
    {
        var conn = Connect();
        var queue = DeclareQueue(conn, Name("pfclose"));
        PublishNumbered(conn, queue, 3);
        var consumer = conn.CreateConsumer([queue], callbacks: [(_, _) => { }], prefetchCount: 3);
        consumer.Consume();
        conn.DrainEvents(TimeSpan.FromSeconds(5));

        conn.Dispose();

        Assert.That(Redis.ListLength(KeyPrefix + queue.Name), Is.EqualTo(3));
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
        using var again = Connect();
        var bodies = Enumerable.Range(0, 3).Select(_ => queue.Bind(again.DefaultChannel).Get(noAck: true)!.Decode()).ToList();
        Assert.That(bodies, Is.EquivalentTo(new[] { "m0", "m1", "m2" }));
    }

    [Test]
    public void SeveralQueues_TogetherNeverTakeMoreThanTheWindow()
    {
        using var conn = Connect();
        var first = DeclareQueue(conn, Name("pfa"));
        var second = DeclareQueue(conn, Name("pfb"));
        var producer = conn.CreateProducer();
        for (var i = 0; i < 6; i++)
        {
            producer.Publish($"a{i}", routingKey: first.Name);
            producer.Publish($"b{i}", routingKey: second.Name);
        }
        List<Message> received = [];
        using var consumer = conn.CreateConsumer([first, second], callbacks: [(_, m) => received.Add(m)], prefetchCount: 4);
        consumer.Consume();

        conn.DrainEvents(TimeSpan.FromSeconds(5));
        conn.DrainEvents(TimeSpan.FromSeconds(5));

        Assert.That(received, Has.Count.EqualTo(2));
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.EqualTo(4), "taken from Redis: at most the window of 4");
        Assert.That(Redis.ListLength(KeyPrefix + first.Name) + Redis.ListLength(KeyPrefix + second.Name), Is.EqualTo(8));
    }

    // Publishes "m0", "m1", … and returns the list as Redis holds it (newest first).
    private string[] PublishNumbered(Connection connection, Queue queue, int count)
    {
        var producer = connection.CreateProducer();
        for (var i = 0; i < count; i++)
            producer.Publish($"m{i}", routingKey: queue.Name);
        return ListItems(queue.Name);
    }
}
