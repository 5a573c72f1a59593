using System.Diagnostics;
using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Sql;

/// <summary>
/// Messages between this port and Python Kombu's sqlalchemy transport (Debian's python3-kombu) through one database,
/// both directions; each test uses a new database, so the side that runs first creates the tables and the other uses them.
/// </summary>
public abstract class SqlKombuInteropTests
{
    private readonly List<IDisposable> _disposables = [];

    /// <summary>The SQLAlchemy URL of this test's new database (without <c>sqla+</c>).</summary>
    protected string DatabaseUrl { get; private set; } = "";

    private string Url => "sqla+" + DatabaseUrl;

    /// <summary>Creates an empty database and returns its SQLAlchemy URL.</summary>
    protected abstract string CreateDatabase();

    /// <summary>Removes the database after the test.</summary>
    protected abstract void DropDatabase(string databaseUrl);

    [SetUp]
    public void CreateTestDatabase() => DatabaseUrl = CreateDatabase();

    [TearDown]
    public void DropTestDatabase()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
            _disposables[i].Dispose();
        _disposables.Clear();
        DropDatabase(DatabaseUrl);
    }

    [Test]
    public void PythonPublishesIntoNewDatabase_WeConsumeInOrder()
    {
        Peer("publish", Url, "--exchange", "sqex", "--routing-key", "sk", "--declare-queue", "sq", "--count", "2",
            "--body", "{\"hello\": \"world\", \"n\": [1, 2]}", "--headers", "{\"x-custom\": \"hdr\"}",
            "--properties", "{\"correlation_id\": \"cid-1\"}");
        // A new Python process knows the exchange only once it declares it (routing tables live in process memory).
        Peer("publish", Url, "--exchange", "sqex", "--routing-key", "sk", "--declare-queue", "sq", "--body", "\"third\"");

        using var conn = Connect();
        var queue = new Queue("sq", new Exchange("sqex", "direct", durable: false), "sk", durable: false).Bind(conn.DefaultChannel);
        var first = queue.Get()!;
        var second = queue.Get()!;
        var third = queue.Get()!;
        first.Ack();
        second.Ack();
        third.Ack();

        Assert.That(first.Decode(), Is.EqualTo(new Dictionary<string, object?> { ["hello"] = "world", ["n"] = new List<object?> { 1L, 2L } }));
        Assert.That(first.Headers["x-custom"], Is.EqualTo("hdr"));
        Assert.That(first.Properties["correlation_id"], Is.EqualTo("cid-1"));
        Assert.That(first.DeliveryInfo["routing_key"], Is.EqualTo("sk"));
        Assert.That(third.Decode(), Is.EqualTo("third"));
        Assert.That(queue.Get(), Is.Null);
    }

    [Test]
    public void WePublishIntoNewDatabase_PythonConsumesInOrder()
    {
        using (var conn = Connect())
        {
            var exchange = new Exchange("wex", "direct", durable: false);
            new Queue("pyq", exchange, "k", durable: false).Bind(conn.DefaultChannel).Declare();
            var producer = conn.CreateProducer(exchange: exchange);
            producer.Publish(new Dictionary<string, object?> { ["a"] = 1L, ["s"] = "é" }, routingKey: "k",
                headers: new Dictionary<string, object?> { ["h1"] = "v" });
            producer.Publish(new byte[] { 0, 1, 2 }, routingKey: "k", contentType: "application/data", contentEncoding: "binary");
        }

        var lines = Peer("consume", Url, "--queue", "pyq", "--exchange", "wex", "--routing-key", "k", "--limit", "2", "--timeout", "5");

        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines[0]["body"], Is.EqualTo(new Dictionary<string, object?> { ["a"] = 1L, ["s"] = "é" }));
        Assert.That(((IDictionary<string, object?>)lines[0]["headers"]!)["h1"], Is.EqualTo("v"));
        Assert.That(lines[1]["body_b64"], Is.EqualTo(Convert.ToBase64String([0, 1, 2])));
        Assert.That(lines[1]["content_type"], Is.EqualTo("application/data"));
    }

    [Test]
    public void WePublishBatchInOneTransaction_PythonConsumesInOrder()
    {
        using (var conn = Connect())
        {
            var exchange = new Exchange("bex", "direct", durable: false);
            new Queue("pybatch", exchange, "k", durable: false).Bind(conn.DefaultChannel).Declare();
            conn.CreateProducer(exchange: exchange).PublishBatch(["s0", "s1", "s2"], routingKey: "k",
                headers: new Dictionary<string, object?> { ["h1"] = "v" });
        }

        var lines = Peer("consume", Url, "--queue", "pybatch", "--exchange", "bex", "--routing-key", "k", "--limit", "3", "--timeout", "5");

        Assert.That(lines.Select(l => l["body"]), Is.EqualTo(new[] { "s0", "s1", "s2" }));
        Assert.That(lines.Select(l => ((IDictionary<string, object?>)l["headers"]!)["h1"]).Distinct(), Is.EqualTo(new[] { "v" }));
    }

    [Test]
    public void WeRequeue_PythonReceivesTheMessageAgain()
    {
        using (var conn = Connect())
        {
            var queue = new Queue("rq", durable: false).Bind(conn.DefaultChannel);
            queue.Declare();
            conn.CreateProducer().Publish("again", routingKey: "rq");
            queue.Get()!.Requeue();
        }

        var lines = Peer("consume", Url, "--queue", "rq", "--limit", "2", "--timeout", "3");

        Assert.That(lines.Select(l => l["body"]), Is.EqualTo(new[] { "again" }));
    }

    [Test]
    public void OurConsumerAndTwoPythonConsumers_ShareAQueue_EveryMessageDeliveredExactlyOnce()
    {
        const int count = 90;
        using (var conn = Connect())
        {
            new Queue("shared", durable: false).Bind(conn.DefaultChannel).Declare();
            var producer = conn.CreateProducer();
            for (var i = 0; i < count; i++)
                producer.Publish(i, routingKey: "shared");
        }
        var pythons = Enumerable.Range(0, 2)
            .Select(_ => PythonPeer.Start("kombu_peer.py", ["consume", Url, "--queue", "shared", "--limit", "1000", "--timeout", "3"]))
            .ToList();
        var pythonOutputs = pythons.Select(p => p.StandardOutput.ReadToEndAsync()).ToList();
        var pythonErrors = pythons.Select(p => p.StandardError.ReadToEndAsync()).ToList();

        var ours = new List<long>();
        using (var conn = Connect())
        {
            using var consumer = conn.CreateConsumer([new Queue("shared", durable: false)], callbacks: [(body, message) =>
            {
                ours.Add((long)body!);
                message.Ack();
            }]);
            consumer.Consume();
            try
            {
                while (true)
                    conn.DrainEvents(TimeSpan.FromSeconds(3));
            }
            catch (TimeoutException)
            {
            }
        }
        foreach (var process in pythons)
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
                process.Kill(entireProcessTree: true);
            Assert.That(process.ExitCode, Is.Zero, pythonErrors[pythons.IndexOf(process)].Result);
            process.Dispose();
        }
        var theirs = pythonOutputs.SelectMany(output => Lines(output.Result)).Select(line => (long)line["body"]!).ToList();

        var all = ours.Concat(theirs).Order().ToList();
        Assert.That(all, Is.EqualTo(Enumerable.Range(0, count).Select(i => (long)i)), $"ours: {ours.Count}, Python's: {theirs.Count}");
    }

    [Test]
    public void PythonAcknowledgedRows_OurConsumerWithShortVisibilityTimeout_NeverRestoresThem()
    {
        using (var conn = Connect())
        {
            new Queue("acked", durable: false).Bind(conn.DefaultChannel).Declare();
            var producer = conn.CreateProducer();
            for (var i = 0; i < 3; i++)
                producer.Publish(i, routingKey: "acked");
        }
        var consumed = Peer("consume", Url, "--queue", "acked", "--limit", "3", "--timeout", "5");
        Assert.That(consumed, Has.Count.EqualTo(3));

        using var ours = new Connection(Url, transportOptions: new Dictionary<string, object?> { ["visibility_timeout"] = 0.2 });
        _disposables.Add(ours);
        var queue = new Queue("acked", durable: false).Bind(ours.DefaultChannel);
        // Python's consumed rows were claimed well over 0.2 s ago by now; a sweep that took them for abandoned claims
        // would deliver them again.
        var clock = Stopwatch.StartNew();
        Message? redelivered = null;
        while (redelivered is null && clock.Elapsed < TimeSpan.FromSeconds(1.5))
            redelivered = queue.Get();

        Assert.That(redelivered, Is.Null);
    }

    private Connection Connect()
    {
        var connection = new Connection(Url);
        _disposables.Add(connection);
        return connection;
    }

    private static List<IDictionary<string, object?>> Peer(params string[] args) => Lines(PythonPeer.Run("kombu_peer.py", args));

    private static List<IDictionary<string, object?>> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => (IDictionary<string, object?>)KombuJson.Deserialize(line)!)];
}

/// <summary>Python Kombu interop on a shared SQLite file.</summary>
[TestFixture]
[Category("Unit")]
public sealed class SqliteKombuInteropTests : SqlKombuInteropTests
{
    protected override string CreateDatabase() => "sqlite:///" + SqlDatabases.NewSqliteFile();

    protected override void DropDatabase(string databaseUrl) => File.Delete(databaseUrl["sqlite:///".Length..]);
}

/// <summary>Python Kombu interop on PostgreSQL (a new database per test).</summary>
[TestFixture]
public sealed class PostgreSqlKombuInteropTests : SqlKombuInteropTests
{
    protected override string CreateDatabase() => SqlDatabases.NewPostgreSqlDatabase();

    protected override void DropDatabase(string databaseUrl) => SqlDatabases.DropPostgreSqlDatabase(databaseUrl);
}
