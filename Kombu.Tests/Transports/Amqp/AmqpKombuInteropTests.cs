using System.Text;
using System.Text.Json;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>Python Kombu (Debian's python3-kombu, py-amqp) and our AMQP transport exchange messages over RabbitMQ.</summary>
[TestFixture]
public sealed class AmqpKombuInteropTests
{
    private Connection _conn = null!;
    private readonly List<string> _queues = [];

    [SetUp]
    public void SetUp()
    {
        AmqpBroker.Require();
        _conn = new Connection(AmqpBroker.Url);
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var queue in _queues)
            await _conn.DefaultChannel.QueueDeleteAsync(queue);
        _queues.Clear();
        _conn.Dispose();
    }

    [Test]
    public void PythonPublishesJson_WithHeadersAndProperties_OurConsumerDecodes()
    {
        var queue = Declare("py-json");
        PyPublish(queue.Name, "--body", """{"hello": "wörld", "n": [1, 2.5, null]}""", "--headers", """{"x-custom": "hdr", "x-int": 7}""",
            "--properties", """{"correlation_id": "c-1", "reply_to": "r.q", "expiration": 60, "message_id": "m-1"}""");

        var message = ConsumeOne(queue);

        Assert.That(message.Decode(), Is.EqualTo(new Dictionary<string, object?>
        {
            ["hello"] = "wörld",
            ["n"] = new List<object?> { 1L, 2.5, null },
        }));
        Assert.That(message.ContentType, Is.EqualTo("application/json"));
        Assert.That(message.Headers["x-custom"], Is.EqualTo("hdr"));
        Assert.That(message.Headers["x-int"], Is.EqualTo(7L));
        Assert.That(message.Properties["correlation_id"], Is.EqualTo("c-1"));
        Assert.That(message.Properties["reply_to"], Is.EqualTo("r.q"));
        Assert.That(message.Properties["expiration"], Is.EqualTo("60000"));
        Assert.That(message.Properties["message_id"], Is.EqualTo("m-1"));
        Assert.That(message.Properties["delivery_mode"], Is.EqualTo(2));
    }

    [TestCase("zlib")]
    [TestCase("bzip2")]
    public void PythonPublishesCompressed_OurConsumerDecompresses(string compression)
    {
        var queue = Declare("py-" + compression);
        PyPublish(queue.Name, "--body", """{"text": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""", "--compression", compression);

        var message = ConsumeOne(queue);

        Assert.That(message.Headers["compression"], Is.EqualTo(compression == "zlib" ? "application/x-gzip" : "application/x-bz2"));
        Assert.That(message.Decode(), Is.EqualTo(new Dictionary<string, object?> { ["text"] = new string('a', 36) }));
    }

    [Test]
    public void PythonPublishesRawBytesAndText_OurConsumerGetsBytesAndString()
    {
        var queue = Declare("py-raw");
        var bytes = new byte[] { 0, 1, 2, 255, 254 };
        PyPublish(queue.Name, "--raw-b64", Convert.ToBase64String(bytes));
        PyPublish(queue.Name, "--raw-b64", Convert.ToBase64String(Encoding.UTF8.GetBytes("héllo ✓")), "--content-type", "text/plain",
            "--content-encoding", "utf-8");

        var raw = ConsumeOne(queue);
        var text = ConsumeOne(queue);

        Assert.That((raw.ContentType, raw.ContentEncoding), Is.EqualTo(("application/data", "binary")));
        Assert.That(raw.Decode(), Is.EqualTo(bytes));
        Assert.That(text.Decode(), Is.EqualTo("héllo ✓"));
    }

    [Test]
    public void PythonPublishesPriorities_OurConsumerGetsHighestFirst()
    {
        var queue = Declare("py-prio", maxPriority: 10);
        PyPublish(queue.Name, "--body", "\"low\"", "--priority", "1");
        PyPublish(queue.Name, "--body", "\"high\"", "--priority", "9");

        var first = ConsumeOne(queue);

        Assert.That(first.Decode(), Is.EqualTo("high"));
        Assert.That(first.Properties["priority"], Is.EqualTo(9));
    }

    [Test]
    public void WePublishJsonWithHeadersAndProperties_PythonDecodes()
    {
        var queue = Declare("net-json");
        _conn.CreateProducer().Publish(new Dictionary<string, object?> { ["hello"] = "wörld", ["n"] = 1L }, routingKey: queue.Name,
            serializer: "json", headers: new Dictionary<string, object?> { ["x-custom"] = "hdr", ["x-list"] = new List<object?> { 1L, "a" } },
            correlationId: "c-2", replyTo: "r.q2", expiration: TimeSpan.FromSeconds(60),
            properties: new Dictionary<string, object?> { ["message_id"] = "m-2" });

        var got = PyGet(queue.Name).Single();

        Assert.That(got.GetProperty("body").GetRawText(), Is.EqualTo("""{"hello": "w\u00f6rld", "n": 1}""").Or.EqualTo("""{"hello":"wörld","n":1}"""));
        Assert.That(got.GetProperty("body").GetProperty("hello").GetString(), Is.EqualTo("wörld"));
        Assert.That(got.GetProperty("content_type").GetString(), Is.EqualTo("application/json"));
        Assert.That(got.GetProperty("headers").GetProperty("x-custom").GetString(), Is.EqualTo("hdr"));
        Assert.That(got.GetProperty("headers").GetProperty("x-list")[1].GetString(), Is.EqualTo("a"));
        var props = got.GetProperty("properties");
        Assert.That(props.GetProperty("correlation_id").GetString(), Is.EqualTo("c-2"));
        Assert.That(props.GetProperty("reply_to").GetString(), Is.EqualTo("r.q2"));
        Assert.That(props.GetProperty("expiration").GetString(), Is.EqualTo("60000"));
        Assert.That(props.GetProperty("message_id").GetString(), Is.EqualTo("m-2"));
        Assert.That(props.GetProperty("delivery_mode").GetInt32(), Is.EqualTo(2));
    }

    [TestCase("zlib")]
    [TestCase("bzip2")]
    public void WePublishCompressed_PythonDecompresses(string compression)
    {
        var queue = Declare("net-" + compression);
        _conn.CreateProducer().Publish(new Dictionary<string, object?> { ["text"] = new string('b', 40) }, routingKey: queue.Name,
            serializer: "json", compression: compression);

        var got = PyGet(queue.Name).Single();

        Assert.That(got.GetProperty("body").GetProperty("text").GetString(), Is.EqualTo(new string('b', 40)));
    }

    [Test]
    public void WePublishRawBytesAndText_PythonGetsBytesAndText()
    {
        var queue = Declare("net-raw");
        var bytes = new byte[] { 0, 1, 2, 255, 254 };
        var producer = _conn.CreateProducer();
        producer.Publish(bytes, routingKey: queue.Name);
        producer.Publish("héllo ✓", routingKey: queue.Name);

        var got = PyGet(queue.Name, limit: 2);

        Assert.That(got[0].GetProperty("body").GetProperty("__bytes_b64__").GetString(), Is.EqualTo(Convert.ToBase64String(bytes)));
        Assert.That(got[0].GetProperty("content_type").GetString(), Is.EqualTo("application/data"));
        Assert.That(got[1].GetProperty("body").GetString(), Is.EqualTo("héllo ✓"));
        Assert.That(got[1].GetProperty("content_type").GetString(), Is.EqualTo("text/plain"));
    }

    [Test]
    public void WePublishPriorities_PythonGetsHighestFirst()
    {
        var queue = Declare("net-prio", maxPriority: 10);
        var producer = _conn.CreateProducer();
        producer.Publish("low", routingKey: queue.Name, serializer: "json", priority: 1);
        producer.Publish("high", routingKey: queue.Name, serializer: "json", priority: 9);

        var got = PyGet(queue.Name, limit: 2, maxPriority: 10);

        Assert.That(got.Select(g => g.GetProperty("body").GetString()), Is.EqualTo(new[] { "high", "low" }));
        Assert.That(got[0].GetProperty("properties").GetProperty("priority").GetInt32(), Is.EqualTo(9));
    }

    [Test]
    public void WePublishConfirmedBatch_PythonGetsItInOrder()
    {
        var queue = Declare("net-batch");
        using (var confirmed = new Connection(AmqpBroker.Url, transportOptions: new Dictionary<string, object?> { ["confirm_publish"] = true }))
        {
            confirmed.CreateProducer().PublishBatch(Enumerable.Range(0, 4).Select(i => (object?)$"b{i}"), routingKey: queue.Name,
                headers: new Dictionary<string, object?> { ["x-custom"] = "hdr" }, correlationId: "c-b");
        }

        var got = PyGet(queue.Name, limit: 4);

        Assert.That(got.Select(g => g.GetProperty("body").GetString()), Is.EqualTo(new[] { "b0", "b1", "b2", "b3" }));
        Assert.That(got.Select(g => g.GetProperty("headers").GetProperty("x-custom").GetString()).Distinct(), Is.EqualTo(new[] { "hdr" }));
        Assert.That(got.Select(g => g.GetProperty("properties").GetProperty("correlation_id").GetString()).Distinct(), Is.EqualTo(new[] { "c-b" }));
    }

    private Queue Declare(string suffix, int? maxPriority = null)
    {
        var queue = new Queue(AmqpBroker.UniqueName(suffix), durable: false, autoDelete: false, maxPriority: maxPriority)
            .Bind(_conn.DefaultChannel);
        queue.Declare();
        _queues.Add(queue.Name);
        return queue;
    }

    private static void PyPublish(string queue, params string[] args) =>
        PythonPeer.Run("kombu_peer.py", ["publish", AmqpBroker.Url, "--routing-key", queue, .. args]);

    private static List<JsonElement> PyGet(string queue, int limit = 1, int? maxPriority = null)
    {
        string[] extra = maxPriority is { } p ? ["--max-priority", p.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        var output = PythonPeer.Run("kombu_peer.py",
            ["consume", AmqpBroker.Url, "--queue", queue, "--get", "--limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(limit), output);
        return lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    private Message ConsumeOne(Queue queue)
    {
        Message? got = null;
        using var consumer = _conn.CreateConsumer([queue], callbacks: [(_, m) => { got ??= m; }], prefetchCount: 1);
        consumer.Consume();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (got is null && DateTime.UtcNow < deadline)
        {
            try
            {
                _conn.DrainEvents(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
            }
        }
        Assert.That(got, Is.Not.Null, "No message arrived.");
        got!.Ack();
        return got;
    }
}
