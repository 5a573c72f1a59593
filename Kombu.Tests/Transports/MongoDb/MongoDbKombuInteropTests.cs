using System.Diagnostics;
using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>Messages between this port and Python Kombu 5 (Debian's python3-kombu + pymongo) sharing one database.</summary>
[TestFixture]
public sealed class MongoDbKombuInteropTests : MongoDbTestBase
{
    private readonly List<Process> _processes = [];

    [TearDown]
    public void KillPeers()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        _processes.Clear();
    }

    [Test]
    public void PythonPublishesWithHeadersAndProperties_WeConsume()
    {
        Peer("publish", Url, "--exchange", "pex", "--routing-key", "rk", "--declare-queue", "pq",
            "--body", "{\"hello\": \"mongo\", \"n\": [1, 2]}", "--headers", "{\"x-h\": 1}", "--properties", "{\"correlation_id\": \"cid\"}");
        using var conn = Connect();
        var queue = new Queue("pq", new Exchange("pex", "direct", durable: false), "rk", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        var message = queue.Get()!;

        Assert.That(message.Decode(), Is.EqualTo(new Dictionary<string, object?> { ["hello"] = "mongo", ["n"] = new List<object?> { 1L, 2L } }));
        Assert.That((message.Headers["x-h"], message.Properties["correlation_id"]), Is.EqualTo((1L, "cid")));
        Assert.That(message.DeliveryInfo["routing_key"], Is.EqualTo("rk"));
        message.Ack();
    }

    [Test]
    public void PythonPublishesPriorities_WeServeHighestFirst()
    {
        foreach (var (body, priority) in new[] { ("zero", 0), ("nine", 9), ("five", 5) })
            Peer("publish", Url, "--routing-key", "prio", "--priority", priority.ToString(), "--body", $"\"{body}\"");
        using var conn = Connect();
        var queue = new Queue("prio", durable: false).Bind(conn.DefaultChannel);

        var bodies = Enumerable.Range(0, 3).Select(_ => queue.Get(noAck: true)?.Decode()).ToList();

        Assert.That(bodies, Is.EqualTo(new[] { "nine", "five", "zero" }));
    }

    [Test]
    public void WePublishJsonAndRaw_PythonConsumes()
    {
        using var conn = Connect();
        var exchange = new Exchange("wex", "direct", durable: false);
        new Queue("wq", exchange, "k", durable: false).Bind(conn.DefaultChannel).Declare();
        var producer = conn.CreateProducer(exchange: exchange);
        producer.Publish(new Dictionary<string, object?> { ["a"] = 1L, ["s"] = "é" }, routingKey: "k",
            headers: new Dictionary<string, object?> { ["h1"] = "v" });
        producer.Publish(new byte[] { 0, 1, 2 }, routingKey: "k", contentType: "application/data", contentEncoding: "binary");

        var lines = Peer("consume", Url, "--queue", "wq", "--exchange", "wex", "--routing-key", "k", "--limit", "2", "--timeout", "5");

        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines[0]["body"], Is.EqualTo(new Dictionary<string, object?> { ["a"] = 1L, ["s"] = "é" }));
        Assert.That(((IDictionary<string, object?>)lines[0]["headers"]!)["h1"], Is.EqualTo("v"));
        Assert.That((lines[1]["body_b64"], lines[1]["content_type"]), Is.EqualTo((Convert.ToBase64String([0, 1, 2]), "application/data")));
    }

    [Test]
    public void WePublishBatchWithInsertMany_PythonConsumesInOrder()
    {
        using var conn = Connect();
        var exchange = new Exchange("bex", "direct", durable: false);
        new Queue("bq", exchange, "k", durable: false).Bind(conn.DefaultChannel).Declare();
        conn.CreateProducer(exchange: exchange).PublishBatch(["m0", "m1", "m2"], routingKey: "k",
            headers: new Dictionary<string, object?> { ["h1"] = "v" });

        var lines = Peer("consume", Url, "--queue", "bq", "--exchange", "bex", "--routing-key", "k", "--limit", "3", "--timeout", "5");

        Assert.That(lines.Select(l => l["body"]), Is.EqualTo(new[] { "m0", "m1", "m2" }));
        Assert.That(lines.Select(l => ((IDictionary<string, object?>)l["headers"]!)["h1"]).Distinct(), Is.EqualTo(new[] { "v" }));
    }

    [Test]
    public void WePublishPriorities_PythonServesHighestFirst()
    {
        using var conn = Connect();
        new Queue("wprio", durable: false).Bind(conn.DefaultChannel).Declare();
        var producer = conn.CreateProducer();
        foreach (var (body, priority) in new[] { ("zero", 0), ("nine", 9), ("five", 5) })
            producer.Publish(body, routingKey: "wprio", priority: priority);

        var lines = Peer("consume", Url, "--queue", "wprio", "--get", "--limit", "3");

        Assert.That(lines.Select(l => l["body"]), Is.EqualTo(new[] { "nine", "five", "zero" }));
    }

    [Test]
    public void WeBindPythonPublishes_RoutedThroughTheRoutingCollection()
    {
        using var conn = Connect();
        var queue = new Queue("bound-here", new Exchange("rex", "topic", durable: false), "orders.*", durable: false)
            .Bind(conn.DefaultChannel);
        queue.Declare();

        Peer("publish", Url, "--exchange", "rex", "--type", "topic", "--routing-key", "orders.eu.new", "--body", "\"routed\"");

        Assert.That(queue.Get(noAck: true)?.Decode(), Is.EqualTo("routed"));
    }

    [Test]
    public void PythonPublishesFanout_OurBoundConsumerReceives()
    {
        using var conn = Connect();
        var queue = new Queue("ourfq", new Exchange("pfan", "fanout", durable: false), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var received = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], noAck: true);
        consumer.RegisterCallback((body, _) => received.Add(body));
        consumer.Consume();

        Peer("publish", Url, "--exchange", "pfan", "--type", "fanout", "--body", "\"broadcast\"");
        DrainUntil(conn, () => received.Count > 0, TimeSpan.FromSeconds(10));

        Assert.That(received, Is.EqualTo(new object?[] { "broadcast" }));
    }

    [Test]
    public void WePublishFanout_PythonConsumerReceives()
    {
        MongoDbBroker.IgnoreOnEmulator(
            "keep a tailable cursor open after its first batch, and Python Kombu's broadcast cursor never reopens a closed one");
        using var conn = Connect();
        conn.Connect();
        // An older broadcast of the exchange: Python Kombu's cursor skips it, and a tailable cursor on a capped
        // collection with nothing in it would be dead from the start.
        MongoDbBroker.Database(Db).GetCollection<MongoDB.Bson.BsonDocument>("messages.broadcast")
            .InsertOne(new MongoDB.Bson.BsonDocument { ["payload"] = "{}", ["queue"] = "wfan" });
        var python = PythonPeer.Start("kombu_peer.py", ["consume", Url, "--queue", "pyfq", "--exchange", "wfan",
            "--type", "fanout", "--timeout", "10"]);
        _processes.Add(python);
        WaitForReady(python);

        conn.CreateProducer(exchange: new Exchange("wfan", "fanout", durable: false)).Publish("to-python");

        Assert.That(python.StandardOutput.ReadLine(), Does.Contain("\"body\": \"to-python\""));
    }

    private static List<IDictionary<string, object?>> Peer(params string[] args) =>
        [.. PythonPeer.Run("kombu_peer.py", args).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => (IDictionary<string, object?>)KombuJson.Deserialize(line)!)];

    private static void WaitForReady(Process python)
    {
        var ready = Task.Run(() =>
        {
            while (python.StandardError.ReadLine() is { } line)
            {
                if (line.Contains("READY", StringComparison.Ordinal))
                    return true;
            }
            return false;
        });
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || !ready.Result)
            Assert.Fail("The Python consumer never printed READY.");
    }
}
