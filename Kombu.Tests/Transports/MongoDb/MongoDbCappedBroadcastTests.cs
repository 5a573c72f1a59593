using MongoDB.Bson;
using MongoDB.Driver;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>
/// What only a real MongoDB does with the broadcast collection: it is capped and tailable cursors wait on it. Skipped
/// (with the reason printed) on the CongoDB emulator, which ignores <c>capped</c> and ends every cursor after its first batch.
/// </summary>
[TestFixture]
public sealed class MongoDbCappedBroadcastTests : MongoDbTestBase
{
    [Test]
    public void Connect_BroadcastCollection_IsCappedAtCappedQueueSize()
    {
        MongoDbBroker.IgnoreOnEmulator("create capped collections (it stores the 'capped' option nowhere)");
        using var conn = Connect(new Dictionary<string, object?> { ["capped_queue_size"] = 8192 });
        new Queue("q", durable: false).Bind(conn.DefaultChannel).Declare();

        var stats = MongoDbBroker.Database(Db).ListCollections(new ListCollectionsOptions
        {
            Filter = new BsonDocument("name", "messages.broadcast"),
        }).Single()["options"].AsBsonDocument;

        Assert.That((stats["capped"].AsBoolean, stats["size"].ToInt64()), Is.EqualTo((true, 8192L)));
    }

    [Test]
    public void PublishFanout_BeyondCappedSize_OldestBroadcastsAreDropped()
    {
        MongoDbBroker.IgnoreOnEmulator("cap collections: every broadcast document is kept");
        using var conn = Connect(new Dictionary<string, object?> { ["capped_queue_size"] = 8192 });
        var exchange = new Exchange("fan", "fanout", durable: false);
        new Queue("fq", exchange, durable: false).Bind(conn.DefaultChannel).Declare();
        var producer = conn.CreateProducer(exchange: exchange);

        for (var i = 0; i < 50; i++)
            producer.Publish(new string('x', 1000));

        Assert.That(All("messages.broadcast").Count, Is.LessThan(50));
    }

    [Test]
    public void PublishFanout_TailableCursorOpenedBefore_SeesTheNewDocument()
    {
        MongoDbBroker.IgnoreOnEmulator("keep a tailable cursor open after its first batch");
        using var conn = Connect();
        var exchange = new Exchange("tail", "fanout", durable: false);
        new Queue("tq", exchange, durable: false).Bind(conn.DefaultChannel).Declare();
        var broadcast = MongoDbBroker.Database(Db).GetCollection<BsonDocument>("messages.broadcast");
        broadcast.InsertOne(new BsonDocument { ["payload"] = "{}", ["queue"] = "other" });
        using var cursor = broadcast.FindSync(new BsonDocument("queue", "tail"),
            new FindOptions<BsonDocument> { CursorType = CursorType.Tailable });
        var seen = new List<string>();
        var alive = cursor.MoveNext();

        conn.CreateProducer(exchange: exchange).Publish("late");
        for (var i = 0; alive && seen.Count == 0 && i < 20; i++)
        {
            alive = cursor.MoveNext();
            seen.AddRange(alive ? cursor.Current.Select(d => d["queue"].AsString) : []);
        }

        Assert.That(seen, Is.EqualTo(new[] { "tail" }));
    }
}
