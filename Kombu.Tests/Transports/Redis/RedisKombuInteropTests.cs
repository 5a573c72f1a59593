using Kombu.Serialization;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Messages between this port and Python Kombu (Debian's python3-kombu) over Redis, both directions.</summary>
[TestFixture]
public sealed class RedisKombuInteropTests : RedisInteropTestBase
{
    protected override int Db => 9;

    [Test]
    public void PythonPublishesJsonWithHeaders_WeConsume()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("ex"), "direct", durable: false);
        var queue = new Queue(Name("q"), exchange, "rk", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        Peer("publish", Url, "--exchange", exchange.Name, "--routing-key", "rk", "--body", "{\"hello\": \"world\", \"n\": [1, 2]}",
            "--headers", "{\"x-custom\": \"hdr\"}", "--properties", "{\"correlation_id\": \"cid-1\"}");

        var message = queue.Get(noAck: false)!;
        Assert.That(message.Decode(), Is.EqualTo(new Dictionary<string, object?> { ["hello"] = "world", ["n"] = new List<object?> { 1L, 2L } }));
        Assert.That(message.Headers["x-custom"], Is.EqualTo("hdr"));
        Assert.That(message.Properties["correlation_id"], Is.EqualTo("cid-1"));
        message.Ack();
    }

    [Test]
    public void PythonPublishesRawBytes_WeReceiveTheBytes()
    {
        using var conn = Connect();
        var queue = new Queue(Name("raw"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        Peer("publish", Url, "--routing-key", queue.Name, "--raw-b64", Convert.ToBase64String([0, 1, 0x62, 0xff]),
            "--content-type", "application/data", "--content-encoding", "binary");

        var message = queue.Get(noAck: true)!;
        Assert.That(message.Body.ToArray(), Is.EqualTo(new byte[] { 0, 1, 0x62, 0xff }));
        Assert.That(message.ContentType, Is.EqualTo("application/data"));
    }

    [Test]
    public void WePublishJsonAndRaw_PythonConsumes()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("ex"), "direct", durable: false);
        new Queue(Name("pyq"), exchange, "k", durable: false).Bind(conn.DefaultChannel).Declare();
        var producer = conn.CreateProducer(exchange: exchange);
        producer.Publish(new Dictionary<string, object?> { ["a"] = 1L, ["s"] = "é" }, routingKey: "k",
            headers: new Dictionary<string, object?> { ["h1"] = "v" });
        producer.Publish(new byte[] { 0, 1, 2 }, routingKey: "k", contentType: "application/data", contentEncoding: "binary");

        var lines = Peer("consume", Url, "--queue", Name("pyq"), "--exchange", exchange.Name, "--routing-key", "k",
            "--limit", "2", "--timeout", "5");

        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines[0]["body"], Is.EqualTo(new Dictionary<string, object?> { ["a"] = 1L, ["s"] = "é" }));
        Assert.That(Map(lines[0]["headers"])["h1"], Is.EqualTo("v"));
        Assert.That(lines[1]["body_b64"], Is.EqualTo(Convert.ToBase64String([0, 1, 2])));
        Assert.That(lines[1]["content_type"], Is.EqualTo("application/data"));
    }

    [Test]
    public void WePublishGenericJson_PythonReadsPropertyNames()
    {
        using var conn = Connect();
        var queue = new Queue(Name("stj"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        conn.CreateProducer().Publish(new TaskRef("t-1", 2), System.Text.Json.JsonSerializerOptions.Default, routingKey: queue.Name);
        var lines = Peer("consume", Url, "--queue", queue.Name, "--limit", "1", "--timeout", "5");

        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(lines[0]["content_type"], Is.EqualTo("application/json"));
        Assert.That(lines[0]["body"], Is.EqualTo(new Dictionary<string, object?> { ["task_id"] = "t-1", ["retries"] = 2L }));
    }

    [Test]
    public void PythonPublishesJson_DecodeGenericReadsPropertyNames()
    {
        using var conn = Connect();
        var queue = new Queue(Name("stj-in"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        Peer("publish", Url, "--exchange", "", "--routing-key", queue.Name, "--body", "{\"task_id\": \"t-2\", \"retries\": 4}");

        Assert.That(queue.Get(noAck: true)!.Decode<TaskRef>(), Is.EqualTo(new TaskRef("t-2", 4)));
    }

    [Test]
    public void WePublishTraced_PythonConsumesWithTraceparentHeader()
    {
        using var telemetry = new Support.TelemetryCapture();
        using var conn = Connect();
        var queue = new Queue(Name("traced"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        conn.CreateProducer().Publish(new Dictionary<string, object?> { ["a"] = 1L }, routingKey: queue.Name);
        var lines = Peer("consume", Url, "--queue", queue.Name, "--limit", "1", "--timeout", "5");

        var publish = telemetry.Stopped.Single(a => a.Kind == System.Diagnostics.ActivityKind.Producer);
        Assert.That(lines[0]["body"], Is.EqualTo(new Dictionary<string, object?> { ["a"] = 1L }));
        Assert.That(Map(lines[0]["headers"])["traceparent"], Is.EqualTo(publish.Id));
    }

    public sealed record TaskRef(
        [property: System.Text.Json.Serialization.JsonPropertyName("task_id")] string TaskId,
        [property: System.Text.Json.Serialization.JsonPropertyName("retries")] int Retries);

    [Test]
    public void WePublishBatch_PythonConsumesInOrder()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("bex"), "direct", durable: false);
        new Queue(Name("pybatch"), exchange, "k", durable: false).Bind(conn.DefaultChannel).Declare();

        conn.CreateProducer(exchange: exchange).PublishBatch(Enumerable.Range(0, 5).Select(i => (object?)$"m{i}"),
            routingKey: "k", headers: new Dictionary<string, object?> { ["h1"] = "v" }, priority: 3);

        var lines = Peer("consume", Url, "--queue", Name("pybatch"), "--exchange", exchange.Name, "--routing-key", "k",
            "--limit", "5", "--timeout", "5");
        Assert.That(lines.Select(l => l["body"]), Is.EqualTo(new[] { "m0", "m1", "m2", "m3", "m4" }));
        Assert.That(lines.Select(l => Map(l["headers"])["h1"]).Distinct(), Is.EqualTo(new[] { "v" }));
    }

    [Test]
    [NonParallelizable]
    public void WePublishAtKombu52Json_PythonReadsDatesUuidsAndDecimalsAsText()
    {
        using var conn = Connect();
        var queue = new Queue(Name("compat52"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var eta = new DateTime(2030, 6, 7, 8, 9, 10, DateTimeKind.Utc);
        var id = Guid.Parse("12345678-1234-5678-1234-567812345678");
        Serializers.Registry.JsonCompatibility = JsonCompatibility.Kombu52;
        try
        {
            conn.CreateProducer().Publish(
                new Dictionary<string, object?> { ["eta"] = eta, ["id"] = id, ["price"] = 9.90m, ["day"] = new DateOnly(2030, 6, 7) },
                routingKey: queue.Name, headers: new Dictionary<string, object?> { ["eta"] = eta, ["id"] = id });
        }
        finally
        {
            Serializers.Registry.JsonCompatibility = JsonCompatibility.Kombu53;
        }

        var lines = Peer("consume", Url, "--queue", queue.Name, "--limit", "1", "--timeout", "5");

        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(lines[0]["body"], Is.EqualTo(new Dictionary<string, object?>
        {
            ["eta"] = "2030-06-07T08:09:10Z", ["id"] = "12345678-1234-5678-1234-567812345678", ["price"] = "9.90",
            ["day"] = "2030-06-07T00:00:00",
        }));
        Assert.That(Map(lines[0]["headers"])["eta"], Is.EqualTo("2030-06-07T08:09:10Z"));
        Assert.That(Map(lines[0]["headers"])["id"], Is.EqualTo("12345678-1234-5678-1234-567812345678"));
    }

    [Test]
    public void WePublishPriorities_PythonServesThemInKombuOrder()
    {
        using var conn = Connect();
        var queue = new Queue(Name("prio"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var producer = conn.CreateProducer();
        foreach (var (body, priority) in new[] { ("nine", 9), ("five", 5), ("zero", 0) })
            producer.Publish(body, routingKey: queue.Name, priority: priority);

        var lines = Peer("consume", Url, "--queue", queue.Name, "--limit", "3", "--timeout", "5");

        Assert.That(lines.Select(l => l["body"]), Is.EqualTo(new[] { "zero", "five", "nine" }));
    }

    [Test]
    public void PythonPublishesPriorities_WeServeThemInKombuOrder()
    {
        using var conn = Connect();
        var queue = new Queue(Name("pprio"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        foreach (var (body, priority) in new[] { ("nine", 9), ("five", 5), ("zero", 0) })
            Peer("publish", Url, "--routing-key", queue.Name, "--body", $"\"{body}\"", "--priority", priority.ToString());

        var order = Enumerable.Range(0, 3).Select(_ => queue.Get(noAck: true)?.Decode()).ToArray();

        Assert.That(order, Is.EqualTo(new[] { "zero", "five", "nine" }));
    }

    [Test]
    public void GlobalKeyPrefix_BothSidesPrefixed_RoundTripsInBothDirections()
    {
        var prefix = Prefix + ":";
        var options = $"{{\"global_keyprefix\": \"{prefix}\"}}";
        using var conn = Connect(new Dictionary<string, object?> { ["global_keyprefix"] = prefix });
        var exchange = new Exchange(Name("px"), "direct", durable: false);
        var queue = new Queue(Name("pq"), exchange, "k", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        Peer("publish", Url, "--exchange", exchange.Name, "--routing-key", "k", "--body", "\"from-py\"", "--transport-options", options);
        var fromPython = queue.Get(noAck: true)?.Decode();
        conn.CreateProducer(exchange: exchange).Publish("from-net", routingKey: "k");
        var lines = Peer("consume", Url, "--queue", queue.Name, "--exchange", exchange.Name, "--routing-key", "k", "--timeout", "3",
            "--transport-options", options);

        Assert.That(fromPython, Is.EqualTo("from-py"));
        Assert.That(lines.Single()["body"], Is.EqualTo("from-net"));
        Assert.That(RedisTestServer.Database(Db).KeyExists(prefix + "_kombu.binding." + exchange.Name), Is.True);
    }

    [Test]
    public void TopicRouting_BothDirections_UseKombuPatterns()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("tx"), "topic", durable: false);
        var ours = new Queue(Name("ours"), exchange, "a.#", durable: false).Bind(conn.DefaultChannel);
        ours.Declare();

        Peer("publish", Url, "--exchange", exchange.Name, "--type", "topic", "--routing-key", "a.x.y", "--body", "\"from-py\"",
            "--declare-queue", Name("theirs"), "--binding-key", "a.*");
        conn.CreateProducer(exchange: exchange).Publish("from-net", routingKey: "a.b.c");
        var theirs = Peer("consume", Url, "--queue", Name("theirs"), "--exchange", exchange.Name, "--type", "topic",
            "--routing-key", "a.*", "--limit", "2", "--timeout", "3");

        Assert.That(ours.Get(noAck: true)?.Decode(), Is.EqualTo("from-py"));
        Assert.That(ours.Get(noAck: true)?.Decode(), Is.EqualTo("from-net"));
        Assert.That(theirs.Select(l => l["body"]), Is.EqualTo(new[] { "from-py", "from-net" }));
    }

    [Test]
    public void Fanout_PythonPublishes_OurSubscribedConsumerReceives()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("fx"), "fanout", durable: false);
        var queue = new Queue(Name("fq"), exchange, durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var received = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], noAck: true);
        consumer.RegisterCallback((body, _) => received.Add(body));
        consumer.Consume();

        Peer("publish", Url, "--exchange", exchange.Name, "--type", "fanout", "--body", "\"broadcast\"");
        DrainUntil(conn, () => received.Count > 0, TimeSpan.FromSeconds(10));

        Assert.That(received, Is.EqualTo(new object?[] { "broadcast" }));
    }

    [Test]
    public void Fanout_WePublish_SubscribedPythonConsumerReceives()
    {
        var exchange = Name("fx2");
        var python = StartPeer("kombu_peer.py", ["consume", Url, "--queue", Name("pyfq"), "--exchange", exchange,
            "--type", "fanout", "--routing-key", "", "--timeout", "10"]);
        WaitForLine(python.StandardError, "READY", TimeSpan.FromSeconds(20));
        using var conn = Connect();

        conn.CreateProducer(exchange: new Exchange(exchange, "fanout", durable: false)).Publish("to-python", routingKey: "");

        var line = python.StandardOutput.ReadLine();
        Assert.That(line, Does.Contain("\"body\": \"to-python\""));
    }

    [Test]
    public void VisibilityTimeout_PythonDiesBeforeAck_WeGetItRedelivered()
    {
        var options = new Dictionary<string, object?> { ["visibility_timeout"] = 1, ["unacked_restore_interval"] = 0.2 };
        using var conn = Connect(options);
        var queue = new Queue(Name("vt"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer().Publish("survives", routingKey: queue.Name);

        var died = Peer("consume", Url, "--queue", queue.Name, "--exit-without-ack", "--timeout", "5",
            "--transport-options", "{\"visibility_timeout\": 1}");
        Assert.That(died.Single()["body"], Is.EqualTo("survives"));
        var received = new List<Message>();
        using var consumer = conn.CreateConsumer([queue]);
        consumer.RegisterCallback((_, message) => { received.Add(message); message.Ack(); });
        consumer.Consume();
        DrainUntil(conn, () => received.Count > 0, TimeSpan.FromSeconds(15));

        Assert.That(received.Single().Decode(), Is.EqualTo("survives"));
        Assert.That(received.Single().Headers["redelivered"], Is.EqualTo(true));
    }

    [Test]
    public void VisibilityTimeout_WeDieBeforeAck_PythonGetsItRedelivered()
    {
        using (var dying = Connect(new Dictionary<string, object?> { ["visibility_timeout"] = 1 }))
        {
            var queue = new Queue(Name("vt2"), durable: false).Bind(dying.DefaultChannel);
            queue.Declare();
            dying.CreateProducer().Publish("comes-back", routingKey: queue.Name);
            Assert.That(queue.Get(noAck: false), Is.Not.Null);
            dying.DefaultChannel.QoS().RestoreAtShutdown = false;
        }
        Thread.Sleep(1100);

        var lines = Peer("consume", Url, "--queue", Name("vt2"), "--timeout", "8", "--restore-visible",
            "--transport-options", "{\"visibility_timeout\": 1}");

        Assert.That(lines.Single()["body"], Is.EqualTo("comes-back"));
        Assert.That(Map(lines.Single()["headers"])["redelivered"], Is.EqualTo(true));
    }
}
