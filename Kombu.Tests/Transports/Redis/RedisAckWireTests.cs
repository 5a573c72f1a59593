using Kombu.Serialization;
using Kombu.Transport.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Proves ack emulation, requeue, restore and the visibility-timeout sweep (wire format §5.3, §5.6) in Redis.</summary>
[TestFixture]
public sealed class RedisAckWireTests : RedisWireTestBase
{
    [Test]
    public void Get_WithoutAck_RecordsUnackedEntryAndIndex()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("ax"), "direct", durable: false);
        var queue = DeclareQueue(conn, Name("aq"), exchange, "rk");
        conn.CreateProducer(exchange: exchange).Publish("payload", routingKey: "rk");
        var raw = ListItems(queue.Name)[0];
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        var message = queue.Get()!;

        var tag = message.DeliveryTag.ToString();
        var entry = (IList<object?>)KombuJson.Deserialize((string)Redis.HashGet(KeyPrefix + "unacked", tag)!)!;
        Assert.That(entry, Has.Count.EqualTo(3));
        Assert.That(KombuJson.Serialize(entry[0]), Is.EqualTo(KombuJson.Serialize(KombuJson.Deserialize(raw))));
        Assert.That(entry[1], Is.EqualTo(exchange.Name));
        Assert.That(entry[2], Is.EqualTo("rk"));
        Assert.That(Redis.SortedSetScore(KeyPrefix + "unacked_index", tag), Is.EqualTo(before).Within(5.0));
    }

    [Test]
    public void Ack_RemovesUnackedEntryAndIndex()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("ack"));
        conn.CreateProducer().Publish("payload", routingKey: queue.Name);
        var message = queue.Get()!;

        message.Ack();
        // The ack is pipelined (its reply is not awaited); a later command on the same connection runs after it.
        Assert.That(queue.Get(), Is.Null);

        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
        Assert.That(Redis.SortedSetLength(KeyPrefix + "unacked_index"), Is.Zero);
        Assert.That(Redis.ListLength(KeyPrefix + queue.Name), Is.Zero);
    }

    [Test]
    public void Close_WaitsForEveryPipelinedAck()
    {
        var conn = Connect();
        var queue = DeclareQueue(conn, Name("acks"));
        var producer = conn.CreateProducer();
        for (var i = 0; i < 300; i++)
            producer.Publish(i, routingKey: queue.Name);
        var messages = Enumerable.Range(0, 300).Select(_ => queue.Get()!).ToList();
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.EqualTo(300));

        foreach (var message in messages)
            message.Ack();
        conn.Dispose();

        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
        Assert.That(Redis.SortedSetLength(KeyPrefix + "unacked_index"), Is.Zero);
        Assert.That(Redis.ListLength(KeyPrefix + queue.Name), Is.Zero);
    }

    [Test]
    public void Get_NoAck_RecordsNothing()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("noack"));
        conn.CreateProducer().Publish("payload", routingKey: queue.Name);

        Assert.That(queue.Get(noAck: true), Is.Not.Null);

        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
    }

    [Test]
    public void Requeue_LpushesWithRedeliveredFlagsSoItIsConsumedLast()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("rq"));
        var producer = conn.CreateProducer();
        producer.Publish("first", routingKey: queue.Name);
        producer.Publish("second", routingKey: queue.Name);
        var message = queue.Get()!;

        message.Requeue();

        var items = ListItems(queue.Name);
        Assert.That(items, Has.Length.EqualTo(2));
        var requeued = Json(items[0]);
        Assert.That(Map(requeued["headers"])["redelivered"], Is.EqualTo(true));
        Assert.That(Map(Map(requeued["properties"])["delivery_info"])["redelivered"], Is.EqualTo(true));
        Assert.That(Map(requeued["properties"])["delivery_tag"], Is.EqualTo(message.DeliveryTag.ToString()));
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
        Assert.That(queue.Get(noAck: true)!.Decode(), Is.EqualTo("second"));
    }

    [Test]
    public async Task Close_WithUnacked_RpushesSoItIsConsumedNext()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("cl"));
        var producer = conn.CreateProducer();
        producer.Publish("first", routingKey: queue.Name);
        producer.Publish("second", routingKey: queue.Name);
        var channel = conn.CreateChannel();
        Assert.That(queue.Bind(channel).Get()!.Decode(), Is.EqualTo("first"));

        await channel.CloseAsync();

        var items = ListItems(queue.Name);
        Assert.That(Map(Json(items[^1])["headers"])["redelivered"], Is.EqualTo(true));
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
        Assert.That(queue.Bind(conn.DefaultChannel).Get(noAck: true)!.Decode(), Is.EqualTo("first"));
    }

    [Test]
    public async Task RestoreVisible_AfterVisibilityTimeout_RestoresAbandonedDelivery()
    {
        var options = new Dictionary<string, object?> { ["visibility_timeout"] = 1 };
        using var dying = Connect(options);
        var queue = DeclareQueue(dying, Name("vt"));
        dying.CreateProducer().Publish("abandoned", routingKey: queue.Name);
        var channel = (RedisChannel)dying.CreateChannel();
        Assert.That(queue.Bind(channel).Get(), Is.Not.Null);
        channel.QoS.RestoreAtShutdown = false;
        await channel.CloseAsync();
        Assert.That(Redis.ListLength(KeyPrefix + queue.Name), Is.Zero);
        Thread.Sleep(1200);

        using var survivor = Connect(options);
        var restored = await ((RedisChannel)survivor.DefaultChannel).RestoreVisibleAsync();

        Assert.That(restored, Is.EqualTo(1));
        Assert.That(Redis.KeyExists(KeyPrefix + "unacked_mutex"), Is.False);
        var message = queue.Bind(survivor.DefaultChannel).Get(noAck: true)!;
        Assert.That(message.Decode(), Is.EqualTo("abandoned"));
        Assert.That(message.Headers["redelivered"], Is.EqualTo(true));
    }

    [Test]
    public async Task RestoreVisible_MutexHeld_SkipsTheRound()
    {
        using var conn = Connect(new Dictionary<string, object?> { ["visibility_timeout"] = 0 });
        var queue = DeclareQueue(conn, Name("mx"));
        conn.CreateProducer().Publish("x", routingKey: queue.Name);
        Assert.That(queue.Get(), Is.Not.Null);
        Redis.StringSet(KeyPrefix + "unacked_mutex", "someone-else", TimeSpan.FromSeconds(30));

        var restored = await ((RedisChannel)conn.DefaultChannel).RestoreVisibleAsync();

        Assert.That(restored, Is.Zero);
        Assert.That((string?)Redis.StringGet(KeyPrefix + "unacked_mutex"), Is.EqualTo("someone-else"));
    }

    [Test]
    public async Task RestoreVisible_NumAndInterval_AsKombu()
    {
        using var conn = Connect(new Dictionary<string, object?> { ["visibility_timeout"] = 0 });
        var queue = DeclareQueue(conn, Name("ni"));
        var producer = conn.CreateProducer();
        for (var i = 0; i < 3; i++)
            producer.Publish(i, routingKey: queue.Name);
        var getter = conn.CreateChannel();
        for (var i = 0; i < 3; i++)
            Assert.That(queue.Bind(getter).Get(), Is.Not.Null);
        var channel = (RedisChannel)conn.DefaultChannel;

        var first = await channel.RestoreVisibleAsync(num: 2, interval: 2);
        var skipped = await channel.RestoreVisibleAsync(num: 2, interval: 2);
        var third = await channel.RestoreVisibleAsync(num: 2, interval: 2);

        Assert.That((first, skipped, third), Is.EqualTo((2, 0, 1)), "every 2nd call works, 2 deliveries at most each");
        Assert.That(Redis.ListLength(KeyPrefix + queue.Name), Is.EqualTo(3));
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
    }

    [Test]
    public void AckEmulationOff_GetRecordsNothing()
    {
        using var conn = Connect(new Dictionary<string, object?> { ["ack_emulation"] = false });
        var queue = DeclareQueue(conn, Name("ae"));
        conn.CreateProducer().Publish("x", routingKey: queue.Name);

        Assert.That(queue.Get(), Is.Not.Null);

        Assert.That(Redis.KeyExists(KeyPrefix + "unacked"), Is.False);
    }
}
