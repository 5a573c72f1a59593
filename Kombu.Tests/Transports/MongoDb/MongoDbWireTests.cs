using Kombu.Tests.Support;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>The documents and indexes the transport writes, read back with MongoDB.Driver (wire format §7).</summary>
[TestFixture]
public sealed class MongoDbWireTests : MongoDbTestBase
{
    [Test]
    public void Publish_DirectWithPriority7_StoresKombuMessageAndRoutingDocuments()
    {
        using var conn = Connect();
        var exchange = new Exchange("ex", "direct", durable: false);
        new Queue("q1", exchange, "rk", durable: false).Bind(conn.DefaultChannel).Declare();

        conn.CreateProducer(exchange: exchange).Publish(new Dictionary<string, object?> { ["hello"] = 1L }, routingKey: "rk", priority: 7);

        var message = All("messages").Single();
        Assert.That(message.Names, Is.EquivalentTo(new[] { "_id", "payload", "queue", "priority" }));
        Assert.That((message["_id"].BsonType, message["queue"].AsString, message["priority"].AsInt32),
            Is.EqualTo((BsonType.ObjectId, "q1", 2)));
        var envelope = Payload(message);
        Assert.That(Kombu.Serialization.KombuJson.Deserialize(Convert.FromBase64String((string)envelope["body"]!)),
            Is.EqualTo(new Dictionary<string, object?> { ["hello"] = 1L }));
        Assert.That(envelope["content-type"], Is.EqualTo("application/json"));
        var properties = Properties(envelope);
        Assert.That((properties["priority"], properties["body_encoding"], properties["delivery_mode"]), Is.EqualTo((7L, "base64", 2L)));
        Assert.That(properties["delivery_info"], Is.EqualTo(new Dictionary<string, object?> { ["exchange"] = "ex", ["routing_key"] = "rk" }));
        var route = All("messages.routing").Single();
        route.Remove("_id");
        Assert.That(route, Is.EqualTo(new BsonDocument
        {
            ["exchange"] = "ex",
            ["queue"] = "q1",
            ["routing_key"] = "rk",
            ["pattern"] = BsonNull.Value,
        }));
    }

    [Test]
    public void Publish_WithoutPriority_StoresNine()
    {
        using var conn = Connect();
        var queue = new Queue("plain", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        conn.CreateProducer().Publish("x", routingKey: "plain");

        Assert.That(All("messages").Single()["priority"].AsInt32, Is.EqualTo(9));
    }

    [Test]
    public void Connect_CreatesKombuIndexesAndBroadcastCollection()
    {
        using var conn = Connect();
        new Queue("idx", durable: false).Bind(conn.DefaultChannel).Declare();

        var db = MongoDbBroker.Database(Db);
        Assert.That(db.ListCollectionNames().ToList(), Is.SupersetOf(new[] { "messages.broadcast" }));
        Assert.That(IndexNames(db, "messages"), Does.Contain("queue_1_priority_1__id_1"));
        Assert.That(IndexNames(db, "messages.broadcast"), Does.Contain("queue_1"));
        Assert.That(IndexNames(db, "messages.routing"), Does.Contain("queue_1_exchange_1"));
    }

    [Test]
    public void Publish_Fanout_StoresOneBroadcastDocumentNamedAfterTheExchange()
    {
        using var conn = Connect();
        var exchange = new Exchange("fan", "fanout", durable: false);
        new Queue("fq1", exchange, durable: false).Bind(conn.DefaultChannel).Declare();
        new Queue("fq2", exchange, durable: false).Bind(conn.DefaultChannel).Declare();

        conn.CreateProducer(exchange: exchange).Publish("all", routingKey: "ignored");

        var broadcast = All("messages.broadcast").Single();
        Assert.That(broadcast.Names, Is.EquivalentTo(new[] { "_id", "payload", "queue" }));
        Assert.That(broadcast["queue"].AsString, Is.EqualTo("fan"));
        Assert.That(Properties(Payload(broadcast))["delivery_info"],
            Is.EqualTo(new Dictionary<string, object?> { ["exchange"] = "fan", ["routing_key"] = "ignored" }));
        Assert.That(All("messages"), Is.Empty);
        Assert.That(All("messages.routing").Select(r => (r["queue"].AsString, r["routing_key"].AsString, r["pattern"].IsBsonNull)),
            Is.EquivalentTo(new[] { ("fq1", "", true), ("fq2", "", true) }));
    }

    [Test]
    public async Task Fanout_TransportReconnected_QueueStillServedFromBroadcast()
    {
        using var conn = Connect();
        var exchange = new Exchange("refan", "fanout", durable: false);
        new Queue("rfq", exchange, durable: false).Bind(conn.DefaultChannel).Declare();
        var transport = conn.Transport;
        await transport.CloseConnectionAsync(await transport.EstablishConnectionAsync());
        var channel = await transport.CreateChannelAsync(await transport.EstablishConnectionAsync());
        await channel.QueueDeclareAsync("rfq");

        using (var publisher = Connect())
            publisher.CreateProducer(exchange: exchange).Publish("after");

        Assert.That((await channel.GetMessageAsync("rfq", noAck: true))?.Decode(), Is.EqualTo("after"));
    }

    [Test]
    public void SizeAndPurge_FanoutQueue_CountBroadcastsSinceTheBinding()
    {
        using var conn = Connect();
        var exchange = new Exchange("sfan", "fanout", durable: false);
        var producer = conn.CreateProducer(exchange: exchange);
        exchange.Bind(conn.DefaultChannel).Declare();
        producer.Publish("before-bind");
        var queue = new Queue("sfq", exchange, durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        producer.Publish("one");
        producer.Publish("two");

        var size = queue.QueueDeclare(passive: true).MessageCount;
        var purged = queue.Purge();

        Assert.That((size, purged, queue.Get(noAck: true)), Is.EqualTo((2, 2, (Message?)null)));
    }

    [Test]
    public void QueueBind_Topic_StoresKombuRegexPattern()
    {
        using var conn = Connect();
        var exchange = new Exchange("top", "topic", durable: false);
        new Queue("tq", exchange, "a.*", durable: false).Bind(conn.DefaultChannel).Declare();

        Assert.That(All("messages.routing").Single()["pattern"].AsString, Is.EqualTo(@"^a\..*?[^\.]$"));
    }

    [Test]
    public void Get_RemovesTheDocumentBeforeAck()
    {
        using var conn = Connect();
        var queue = new Queue("once", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer().Publish("x", routingKey: "once");

        var message = queue.Get()!;

        Assert.That(All("messages"), Is.Empty);
        message.Ack();
    }

    [Test]
    public void Get_DocumentsWrittenByAnotherPeer_ServedLowestStoredPriorityFirst()
    {
        using var conn = Connect();
        var queue = new Queue("peer", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var messages = MongoDbBroker.Database(Db).GetCollection<BsonDocument>("messages");
        foreach (var (text, stored) in new[] { ("low", 8), ("high", 0), ("mid", 5) })
            messages.InsertOne(new BsonDocument { ["payload"] = PeerEnvelope(text), ["queue"] = "peer", ["priority"] = stored });

        var bodies = Enumerable.Range(0, 3).Select(_ => queue.Get(noAck: true)!.Decode()).ToList();

        Assert.That(bodies, Is.EqualTo(new[] { "high", "mid", "low" }));
    }

    [Test]
    public void Publish_RoutingDocumentOfAnotherPeer_Routes()
    {
        using var conn = Connect();
        var exchange = new Exchange("shared", "direct", durable: false);
        exchange.Bind(conn.DefaultChannel).Declare();
        MongoDbBroker.Database(Db).GetCollection<BsonDocument>("messages.routing").InsertOne(new BsonDocument
        {
            ["exchange"] = "shared",
            ["queue"] = "elsewhere",
            ["routing_key"] = "k",
            ["pattern"] = BsonNull.Value,
        });

        conn.CreateProducer(exchange: exchange).Publish("routed", routingKey: "k");

        Assert.That(All("messages").Single()["queue"].AsString, Is.EqualTo("elsewhere"));
    }

    [Test]
    public void QueueUnbind_DeletesTheRoutingDocument()
    {
        using var conn = Connect();
        var exchange = new Exchange("unb", "direct", durable: false);
        var queue = new Queue("uq", exchange, "k", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        queue.QueueUnbind();

        Assert.That(All("messages.routing"), Is.Empty);
    }

    [Test]
    public void QueueDelete_RemovesMessagesAndRoutingDocuments()
    {
        using var conn = Connect();
        var exchange = new Exchange("del", "direct", durable: false);
        var queue = new Queue("dq", exchange, "k", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer(exchange: exchange).Publish("gone", routingKey: "k");

        queue.Delete();

        Assert.That((All("messages").Count, All("messages.routing").Count), Is.EqualTo((0, 0)));
    }

    [Test]
    public void Connect_VirtualHostWithoutUrlDatabase_NamesTheDatabase()
    {
        using var conn = new Connection(MongoDbBroker.ServerUrl, virtualHost: Db);
        var queue = new Queue("vh", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        conn.CreateProducer().Publish("x", routingKey: "vh");

        Assert.That(All("messages").Single()["queue"].AsString, Is.EqualTo("vh"));
    }

    [Test]
    public void Options_CollectionNames_AreUsed()
    {
        using var conn = Connect(new Dictionary<string, object?>
        {
            ["messages_collection"] = "m2",
            ["routing_collection"] = "r2",
            ["broadcast_collection"] = "b2",
        });
        var exchange = new Exchange("named", "direct", durable: false);
        new Queue("nq", exchange, "k", durable: false).Bind(conn.DefaultChannel).Declare();

        conn.CreateProducer(exchange: exchange).Publish("x", routingKey: "k");

        Assert.That((All("m2").Count, All("r2").Count, All("messages").Count), Is.EqualTo((1, 1, 0)));
        Assert.That(MongoDbBroker.Database(Db).ListCollectionNames().ToList(), Does.Contain("b2"));
    }

    [Test]
    public void QueueDeclare_CalcQueueSizeOff_ReportsZeroMessages()
    {
        using var conn = Connect(new Dictionary<string, object?> { ["calc_queue_size"] = false });
        var queue = new Queue("nosize", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer().Publish("x", routingKey: "nosize");

        Assert.That((queue.QueueDeclare(passive: true).MessageCount, All("messages").Count), Is.EqualTo((0, 1)));
    }

    private static List<string> IndexNames(IMongoDatabase db, string collection) =>
        db.GetCollection<BsonDocument>(collection).Indexes.List().ToList().Select(i => i["name"].AsString).ToList();

    private static string PeerEnvelope(string text) =>
        "{\"body\": \"" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)) + "\", \"content-encoding\": \"utf-8\", " +
        "\"content-type\": \"text/plain\", \"headers\": {}, \"properties\": {\"delivery_mode\": 2, \"delivery_info\": " +
        "{\"exchange\": \"\", \"routing_key\": \"peer\"}, \"priority\": 0, \"body_encoding\": \"base64\", " +
        "\"delivery_tag\": \"" + Guid.NewGuid() + "\"}}";
}
