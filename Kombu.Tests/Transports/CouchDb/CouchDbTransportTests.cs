using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kombu.Exceptions;
using Kombu.Tests.Cli;
using Kombu.Transport.CouchDb;

namespace Kombu.Tests.Transports.CouchDb;

/// <summary>couchdb-specific behaviour, checked by reading the documents directly over HTTP.</summary>
public sealed class CouchDbTransportTests
{
    private readonly List<IDisposable> _owned = [];
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        CouchDbBroker.Require();
        _http = CouchDbBroker.CreateHttp();
    }

    [TearDown]
    public void TearDown()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
            _owned[i].Dispose();
        _owned.Clear();
        _http.Dispose();
    }

    private Connection Connect(string url = CouchDbBroker.Url)
    {
        var connection = new Connection(url);
        _owned.Add(connection);
        return connection;
    }

    private Queue Declare(Connection conn, string what)
    {
        var queue = new Queue(CouchDbBroker.Unique(what), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        return queue;
    }

    [Test]
    public void Publish_StoresDocumentWithQueueAndEnvelopePayload()
    {
        using var conn = Connect();
        var queue = Declare(conn, "doc");

        conn.CreateProducer().Publish(new Dictionary<string, object?> { ["hello"] = 1 }, routingKey: queue.Name);

        var document = CouchDbBroker.Rows(_http, queue.Name).Single()!["value"]!.AsObject();
        var payload = JsonNode.Parse(document["payload"]!.GetValue<string>())!;
        Assert.That(document.Select(p => p.Key), Is.EquivalentTo(new[] { "_id", "_rev", "queue", "payload" }));
        Assert.That(document["_id"]!.GetValue<string>(), Does.Match("^[0-9a-f]{32}$"));
        Assert.That(document["queue"]!.GetValue<string>(), Is.EqualTo(queue.Name));
        Assert.That((payload["content-type"]!.GetValue<string>(), payload["properties"]!["delivery_info"]!["routing_key"]!.GetValue<string>()),
            Is.EqualTo(("application/json", queue.Name)));
    }

    [Test]
    public void Connect_NewDatabase_CreatesItWithKombuMessagesView()
    {
        var database = "ct_db_" + Guid.NewGuid().ToString("N")[..12];
        using (var conn = Connect($"couchdb://127.0.0.1:5984/{database}"))
            conn.Connect();

        var design = CouchDbBroker.Get(_http, $"{database}/_design/kombu");
        _http.DeleteAsync(database).GetAwaiter().GetResult().Dispose();

        Assert.That((design["language"]!.GetValue<string>(), design["views"]!["messages"]!["map"]!.GetValue<string>()),
            Is.EqualTo(("javascript", "function (doc) {\n  if (doc.queue && doc.payload)\n    emit(doc.queue, doc);\n}\n")));
    }

    [Test]
    public void Connect_ExistingMessagesView_IsKeptAsIs()
    {
        var database = "ct_db_" + Guid.NewGuid().ToString("N")[..12];
        const string map = "function (doc) { if (doc.queue && doc.payload) { emit(doc.queue, doc); } }";
        CouchDbBroker.Put(_http, database, null);
        CouchDbBroker.Put(_http, $"{database}/_design/kombu", new JsonObject { ["views"] = new JsonObject { ["messages"] = new JsonObject { ["map"] = map } } });
        var before = CouchDbBroker.Get(_http, $"{database}/_design/kombu")["_rev"]!.GetValue<string>();

        using (var conn = Connect($"couchdb://127.0.0.1:5984/{database}"))
            conn.Connect();

        var after = CouchDbBroker.Get(_http, $"{database}/_design/kombu")["_rev"]!.GetValue<string>();
        _http.DeleteAsync(database).GetAwaiter().GetResult().Dispose();
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public void Publish_DatabaseDeletedWhileConnected_MakesItAgain()
    {
        var database = "ct_db_" + Guid.NewGuid().ToString("N")[..12];
        using var conn = Connect($"couchdb://127.0.0.1:5984/{database}");
        var queue = Declare(conn, "gone");
        _http.DeleteAsync(database).GetAwaiter().GetResult().Dispose();

        conn.CreateProducer().Publish("again", routingKey: queue.Name);
        var received = queue.Get(noAck: true)?.Decode();
        _http.DeleteAsync(database).GetAwaiter().GetResult().Dispose();

        Assert.That(received, Is.EqualTo("again"));
    }

    [Test]
    public void Connect_DefaultVirtualHost_UsesKombuDefaultDatabase()
    {
        using var conn = Connect("couchdb://127.0.0.1:5984/");
        var queue = Declare(conn, "default");

        conn.CreateProducer().Publish("d", routingKey: queue.Name);

        Assert.That(CouchDbBroker.Rows(_http, queue.Name, "kombu_default"), Has.Count.EqualTo(1));
        queue.Purge();
    }

    [Test]
    public void Get_DeletesDocumentOnReceipt_BeforeAck()
    {
        using var conn = Connect();
        var queue = Declare(conn, "get");
        conn.CreateProducer().Publish("x", routingKey: queue.Name);

        var message = queue.Get()!;
        var left = CouchDbBroker.Rows(_http, queue.Name).Count;
        message.Ack();

        Assert.That((message.Decode(), left), Is.EqualTo(("x", 0)));
    }

    [Test]
    public void Get_SeveralMessages_ComeInPublishOrder()
    {
        using var conn = Connect();
        var queue = Declare(conn, "fifo");
        var producer = conn.CreateProducer();
        for (var i = 0; i < 20; i++)
            producer.Publish(i, routingKey: queue.Name);

        var received = Enumerable.Range(0, 20).Select(_ => queue.Get(noAck: true)!.Decode()).ToArray();

        Assert.That(received, Is.EqualTo(Enumerable.Range(0, 20).Select(i => (object)(long)i).ToArray()));
    }

    [Test]
    public void SizeAndPurge_CountOnlyTheQueuesDocuments()
    {
        using var conn = Connect();
        var queue = Declare(conn, "purge");
        var other = Declare(conn, "other");
        var producer = conn.CreateProducer();
        for (var i = 0; i < 3; i++)
            producer.Publish(i, routingKey: queue.Name);
        producer.Publish("o", routingKey: other.Name);

        var size = queue.QueueDeclare(passive: true).MessageCount;
        var purged = queue.Purge();

        Assert.That((size, purged, CouchDbBroker.Rows(_http, queue.Name).Count, CouchDbBroker.Rows(_http, other.Name).Count),
            Is.EqualTo((3, 3, 0, 1)));
        other.Purge();
    }

    [Test]
    public void Get_DocumentWrittenByKombu2Peer_IsDelivered()
    {
        using var conn = Connect();
        var queue = Declare(conn, "peer");
        // What Kombu 2.2 stores: uuid4().hex id, the envelope (priority in delivery_info) as a JSON string.
        var envelope = """
            {"body": "eyJrIjogMX0=", "content-encoding": "utf-8", "content-type": "application/json", "headers": {},
             "properties": {"delivery_mode": 2, "delivery_info": {"exchange": "", "routing_key": "QUEUE", "priority": 0},
                            "body_encoding": "base64", "delivery_tag": 1}}
            """.Replace("QUEUE", queue.Name);
        var status = CouchDbBroker.Put(_http, $"{CouchDbBroker.Database}/{Guid.NewGuid():N}",
            new JsonObject { ["queue"] = queue.Name, ["payload"] = envelope });

        var message = GetWithin(queue);

        Assert.That((status, message?.Decode() is IDictionary<string, object?> body ? body["k"] : null), Is.EqualTo((201, (object)1L)));
    }

    [Test]
    public void ConcurrentConsumers_NeverReceiveTheSameMessageTwice()
    {
        const int count = 60;
        using (var conn = Connect())
        {
            var queue = Declare(conn, "race");
            var producer = conn.CreateProducer();
            for (var i = 0; i < count; i++)
                producer.Publish(i, routingKey: queue.Name);
            var received = new ConcurrentBag<long>();
            var consumers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                using var own = new Connection(CouchDbBroker.Url);
                var mine = new Queue(queue.Name, durable: false).Bind(own.DefaultChannel);
                while (mine.Get(noAck: true) is { } message)
                    received.Add((long)message.Decode()!);
            })).ToArray();
            Task.WaitAll(consumers);

            Assert.That(received.Order(), Is.EqualTo(Enumerable.Range(0, count).Select(i => (long)i)));
        }
    }

    [Test]
    public async Task Delete_StaleRevision_ReportsTakenAndKeepsDocument()
    {
        using var couch = new CouchDbClient(new Uri("http://127.0.0.1:5984/"), CouchDbBroker.Database, null, null,
            TimeSpan.FromSeconds(5), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await couch.EnsureViewAsync(CancellationToken.None);
        var queue = CouchDbBroker.Unique("stale");
        await couch.SaveAsync(CouchDbDocumentIds.Next(), queue, "{}", CancellationToken.None);
        var stale = (await couch.QueryAsync(queue, 1, CancellationToken.None)).Single();
        // Another writer changes the document, so the revision read above is out of date (409 on delete).
        CouchDbBroker.Put(_http, $"{CouchDbBroker.Database}/{stale.Id}",
            new JsonObject { ["_rev"] = stale.Revision, ["queue"] = queue, ["payload"] = "{}" });

        var deleted = await couch.DeleteAsync(stale, CancellationToken.None);
        var left = await couch.QueryAsync(queue, null, CancellationToken.None);
        await couch.DeleteAsync(left.Single(), CancellationToken.None);

        Assert.That((deleted, left.Count), Is.EqualTo((false, 1)));
    }

    [Test]
    public void ExchangeDeclare_Fanout_ThrowsWithReason()
    {
        using var conn = Connect();

        Assert.That(() => new Exchange(CouchDbBroker.Unique("fan"), "fanout").Bind(conn.DefaultChannel).Declare(),
            Throws.InstanceOf<UnsupportedOperationException>().With.Message.Contains("CouchDB has no publish/subscribe"));
    }

    [Test]
    public void Connect_NoServer_ThrowsConnectionErrorNamingServerAndStartCommand()
    {
        using var conn = new Connection("couchdb://127.0.0.1:1/db");

        Assert.That(() => conn.Connect(), Throws.InstanceOf<CouchDbConnectionException>()
            .With.Message.Contains("http://127.0.0.1:1/").And.Message.Contains("pouchdb.sh start"));
    }

    [Test]
    public void Cli_PublishSizeConsume_WorksWithCouchDbUrl()
    {
        var name = CouchDbBroker.Unique("cli");
        var published = CliRunner.Run("publish", "--url", CouchDbBroker.Url, "--exchange", "", "--routing-key", name,
            "--declare-queue", name, """{"a": 1}""");
        var size = CliRunner.Run("size", "--url", CouchDbBroker.Url, "--queue", name);
        var consumed = CliRunner.Run("consume", "--url", CouchDbBroker.Url, "--queue", name, "--limit", "1", "--timeout", "5");

        Assert.That((published.ExitCode, size.Stdout.Trim(), consumed.ExitCode), Is.EqualTo((0, "1", 0)), published.Stderr + consumed.Stderr);
        Assert.That(consumed.Stdout, Does.StartWith("""{"body": {"a": 1}"""));
        Assert.That(CouchDbBroker.Rows(_http, name), Is.Empty);
    }

    private static Message? GetWithin(Queue queue)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (queue.Get(noAck: true) is { } message)
                return message;
            Thread.Sleep(20);
        }
        return null;
    }
}
