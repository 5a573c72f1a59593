using MongoDB.Bson;
using MongoDB.Driver;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>The <c>ttl</c> transport option: TTL indexes and <c>expire_at</c> fields as Kombu writes them (§7.1–7.3).</summary>
[TestFixture]
public sealed class MongoDbTtlTests : MongoDbTestBase
{
    private const string StringIdReason =
        "store a document whose _id is a string (it accepts only ObjectIds), as Kombu's messages.queues documents are";

    private static readonly Dictionary<string, object?> s_ttl = new() { ["ttl"] = true };

    [Test]
    public void Connect_Ttl_CreatesExpireAtTtlIndexes()
    {
        using var conn = Connect(s_ttl);
        conn.EnsureConnection();

        foreach (var collection in new[] { "messages", "messages.routing", "messages.queues" })
        {
            var index = MongoDbBroker.Database(Db).GetCollection<BsonDocument>(collection).Indexes.List().ToList()
                .Single(i => i["name"].AsString == "expire_at_1");
            Assert.That(index["expireAfterSeconds"].ToInt32(), Is.Zero, collection);
        }
    }

    [Test]
    public void Publish_TtlWithExpiration_SetsExpireAtFromTheMessage()
    {
        using var conn = Connect(s_ttl);
        var before = DateTime.UtcNow;

        conn.CreateProducer().Publish("x", routingKey: "exp", expiration: TimeSpan.FromSeconds(60));

        var expireAt = All("messages").Single()["expire_at"].ToUniversalTime();
        Assert.That(expireAt, Is.InRange(before.AddSeconds(59), DateTime.UtcNow.AddSeconds(61)));
    }

    [Test]
    public void Publish_TtlQueueDocumentWithMessageTtl_SetsTheEarlierExpireAt()
    {
        MongoDbBroker.IgnoreOnEmulator(StringIdReason);
        using var conn = Connect(s_ttl);
        new Queue("qttl", durable: false).Bind(conn.DefaultChannel).Declare();
        MongoDbBroker.Database(Db).GetCollection<BsonDocument>("messages.queues").InsertOne(new BsonDocument
        {
            ["_id"] = "qttl",
            ["options"] = new BsonDocument("arguments", new BsonDocument("x-message-ttl", 5000)),
        });
        var before = DateTime.UtcNow;

        conn.CreateProducer().Publish("x", routingKey: "qttl", expiration: TimeSpan.FromSeconds(60));

        var expireAt = All("messages").Single()["expire_at"].ToUniversalTime();
        Assert.That(expireAt, Is.InRange(before.AddSeconds(4), DateTime.UtcNow.AddSeconds(6)));
    }

    [Test]
    public async Task QueueBind_TtlWithoutExpires_StoresNullExpireAt()
    {
        using var conn = Connect(s_ttl);
        await conn.DefaultChannel.ExchangeDeclareAsync("ex", "direct");
        await conn.DefaultChannel.QueueBindAsync("rq", "ex", "k");

        var route = All("messages.routing").Single();

        Assert.That(route["expire_at"].IsBsonNull, Is.True);
    }

    [Test]
    public void Get_TtlQueueWithExpires_MovesRoutingExpireAtForward()
    {
        MongoDbBroker.IgnoreOnEmulator(StringIdReason);
        using var conn = Connect(s_ttl);
        var exchange = new Exchange("ex", "direct", durable: false);
        var queue = new Queue("eq", exchange, "k", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        MongoDbBroker.Database(Db).GetCollection<BsonDocument>("messages.queues").InsertOne(new BsonDocument
        {
            ["_id"] = "eq",
            ["options"] = new BsonDocument("arguments", new BsonDocument("x-expires", 30000)),
        });
        var before = DateTime.UtcNow;

        queue.Get();

        Assert.That(All("messages.routing").Single()["expire_at"].ToUniversalTime(),
            Is.InRange(before.AddSeconds(29), DateTime.UtcNow.AddSeconds(31)));
        Assert.That(All("messages.queues").Single()["expire_at"].ToUniversalTime(),
            Is.InRange(before.AddSeconds(29), DateTime.UtcNow.AddSeconds(31)));
    }

    [Test]
    public void QueueDeclare_Ttl_StoresTheDeclarationWithItsExpiry()
    {
        MongoDbBroker.IgnoreOnEmulator(StringIdReason);
        using var conn = Connect(s_ttl);
        var before = DateTime.UtcNow;

        new Queue("dq", durable: false, expires: TimeSpan.FromSeconds(30), messageTtl: TimeSpan.FromSeconds(5))
            .Bind(conn.DefaultChannel).Declare();
        conn.CreateProducer().Publish("x", routingKey: "dq");

        var stored = All("messages.queues").Single();
        Assert.That(stored["_id"].AsString, Is.EqualTo("dq"));
        Assert.That(stored["options"]["durable"].AsBoolean, Is.False);
        Assert.That(stored["options"]["arguments"]["x-expires"].ToInt64(), Is.EqualTo(30000));
        Assert.That(stored["expire_at"].ToUniversalTime(), Is.InRange(before.AddSeconds(29), DateTime.UtcNow.AddSeconds(31)));
        Assert.That(All("messages").Single()["expire_at"].ToUniversalTime(),
            Is.InRange(before.AddSeconds(4), DateTime.UtcNow.AddSeconds(6)), "the queue's x-message-ttl applies to a put");
    }
}
