using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>
/// Messages between this port and Python Kombu 5.2.4 (Debian) over SQS on fauxqs, both directions, through
/// <c>tools/interop/sqs_peer.py</c> (kombu_peer.py with botocore's SQS model switched to the JSON protocol).
/// </summary>
[TestFixture]
public sealed class SqsInteropTests : SqsTestBase
{
    private const string PeerOptions = "{\"region\": \"us-east-1\", \"wait_time_seconds\": 1, \"visibility_timeout\": 30}";

    protected override string NamePrefix => "ki-";

    [Test]
    public void PythonPublishesJsonWithHeaders_WeConsume()
    {
        var name = QueueName + "-json";
        Peer("publish", SqsBroker.Url, "--exchange", QueueName + "-ex", "--routing-key", "rk", "--declare-queue", name,
            "--body", "{\"hello\": \"world\", \"n\": [1, 2]}", "--headers", "{\"x-custom\": \"hdr\"}",
            "--properties", "{\"correlation_id\": \"cid-1\"}");

        using var conn = Connect();
        var message = GetWithin(conn, name);

        Assert.That(message.Decode(), Is.EqualTo(new Dictionary<string, object?> { ["hello"] = "world", ["n"] = new List<object?> { 1L, 2L } }));
        Assert.That(message.Headers["x-custom"], Is.EqualTo("hdr"));
        Assert.That(message.Properties["correlation_id"], Is.EqualTo("cid-1"));
        Assert.That(message.DeliveryInfo["exchange"], Is.EqualTo(QueueName + "-ex"));
        Assert.That(message.DeliveryInfo["routing_key"], Is.EqualTo("rk"));
        message.Ack();
        Assert.That(SqsBroker.Counts(Sqs, name), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public void PythonPublishesRawBytes_WeReceiveTheBytes()
    {
        var name = QueueName + "-raw";
        Peer("publish", SqsBroker.Url, "--routing-key", name, "--declare-queue", name, "--binding-key", name,
            "--raw-b64", Convert.ToBase64String([0, 1, 0x62, 0xff]), "--content-type", "application/data",
            "--content-encoding", "binary");

        using var conn = Connect();
        var message = GetWithin(conn, name);

        Assert.That(message.Body.ToArray(), Is.EqualTo(new byte[] { 0, 1, 0x62, 0xff }));
        Assert.That(message.ContentType, Is.EqualTo("application/data"));
        message.Ack();
    }

    [Test]
    public void PythonPublishesToFifoQueue_WeConsumeInOrder()
    {
        var name = QueueName + "-f.fifo";
        Peer("publish", SqsBroker.Url, "--routing-key", name, "--declare-queue", name, "--binding-key", name,
            "--body", "\"first\"", "--properties", "{\"MessageGroupId\": \"g1\"}");
        Peer("publish", SqsBroker.Url, "--routing-key", name, "--body", "\"second\"", "--properties", "{\"MessageGroupId\": \"g1\"}");

        using var conn = Connect();
        var first = GetWithin(conn, name);
        first.Ack();
        var second = GetWithin(conn, name);
        second.Ack();

        Assert.That(new[] { first.Payload, second.Payload }, Is.EqualTo(new object[] { "first", "second" }));
    }

    [Test]
    public void WePublishJsonAndRaw_PythonConsumesAndAcks()
    {
        var name = QueueName + "-py";
        using (var conn = Connect())
        {
            var exchange = new Exchange(QueueName + "-ex", "direct", durable: false);
            new Queue(name, exchange, "k", durable: false).Bind(conn.DefaultChannel).Declare();
            var producer = conn.CreateProducer(exchange: exchange);
            producer.Publish(new Dictionary<string, object?> { ["a"] = 1L, ["s"] = "é" }, routingKey: "k",
                headers: new Dictionary<string, object?> { ["h1"] = "v" });
            producer.Publish(new byte[] { 0, 1, 2 }, routingKey: "k", contentType: "application/data", contentEncoding: "binary");
        }

        var lines = Peer("consume", SqsBroker.Url, "--queue", name, "--limit", "2", "--timeout", "10");

        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines[0]["body"], Is.EqualTo(new Dictionary<string, object?> { ["a"] = 1L, ["s"] = "é" }));
        Assert.That(((IDictionary<string, object?>)lines[0]["headers"]!)["h1"], Is.EqualTo("v"));
        Assert.That(((IDictionary<string, object?>)lines[0]["delivery_info"]!)["exchange"], Is.EqualTo(QueueName + "-ex"));
        Assert.That(lines[1]["body_b64"], Is.EqualTo(Convert.ToBase64String([0, 1, 2])));
        Assert.That(lines[1]["content_type"], Is.EqualTo("application/data"));
        Assert.That(SqsBroker.Counts(Sqs, name), Is.EqualTo((0L, 0L)), "Python's acks should have deleted both messages");
    }

    [Test]
    public void WePublishBatchOfTwelve_PythonConsumesEveryMessage()
    {
        var name = QueueName + "-batch";
        using (var conn = Connect())
        {
            var exchange = new Exchange(QueueName + "-bex", "direct", durable: false);
            new Queue(name, exchange, "k", durable: false).Bind(conn.DefaultChannel).Declare();
            conn.CreateProducer(exchange: exchange).PublishBatch(Enumerable.Range(0, 12).Select(i => (object?)$"q{i}"),
                routingKey: "k", headers: new Dictionary<string, object?> { ["h1"] = "v" });
        }

        var lines = Peer("consume", SqsBroker.Url, "--queue", name, "--limit", "12", "--timeout", "10");

        Assert.That(lines.Select(l => l["body"]), Is.EquivalentTo(Enumerable.Range(0, 12).Select(i => $"q{i}")));
        Assert.That(lines.Select(l => ((IDictionary<string, object?>)l["headers"]!)["h1"]).Distinct(), Is.EqualTo(new[] { "v" }));
    }

    [Test]
    public void WePublishWithoutBase64_PythonConsumes()
    {
        var name = QueueName + "-plain";
        using (var conn = Connect(new() { ["sqs_base64_encoding"] = false }))
            conn.CreateProducer().Publish("plain json body", routingKey: name, declare: [new Queue(name, durable: false)]);

        var lines = Peer("consume", SqsBroker.Url, "--queue", name, "--timeout", "10");

        Assert.That(lines.Select(l => l["body"]), Is.EqualTo(new[] { "plain json body" }));
    }

    private static Connection Connect(Dictionary<string, object?>? options = null)
    {
        options ??= [];
        options.TryAdd("wait_time_seconds", 1);
        return new Connection(SqsBroker.Url, transportOptions: options);
    }

    private static Message GetWithin(Connection conn, string queueName) =>
        SqsBroker.GetWithin(new Queue(queueName, durable: false).Bind(conn.DefaultChannel));

    // Runs sqs_peer.py to completion and returns each JSON line it printed, decoded.
    private static List<IDictionary<string, object?>> Peer(params string[] args) =>
        [.. PythonPeer.Run("sqs_peer.py", [.. args, "--transport-options", PeerOptions]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => (IDictionary<string, object?>)KombuJson.Deserialize(line)!)];
}
