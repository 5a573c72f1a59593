namespace Kombu.Tests.Transports.Conformance;

public abstract partial class TransportConformanceTests
{
    private static readonly Dictionary<string, object?> Nested = new()
    {
        ["name"] = "/tmp/lolcat1.avi",
        ["size"] = 1301013L,
        ["tags"] = new List<object?> { "a", 2L, 3.5, true, null },
        ["unicode"] = "é€😀",
    };

    [TestCase("zlib")]
    [TestCase("bzip2")]
    public void Publish_Compressed_RoundTripsAndSetsHeader(string compression)
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("compress"));

        conn.CreateProducer().Publish(Nested, routingKey: queue.Name, serializer: "json", compression: compression);
        var message = GetRequired(queue);

        Assert.That(message.Headers["compression"], Is.EqualTo(compression == "zlib" ? "application/x-gzip" : "application/x-bz2"));
        Assert.That(message.Decode(), Is.EqualTo(Nested));
    }

    [Test]
    public void Publish_RawBytes_ArriveUnchangedAsApplicationData()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("raw"));
        var bytes = new byte[] { 0, 1, 0xFF, 0x80, 42 };

        conn.CreateProducer().Publish(bytes, routingKey: queue.Name);
        var message = GetRequired(queue);

        Assert.That(message.ContentType, Is.EqualTo("application/data"));
        Assert.That(message.ContentEncoding, Is.EqualTo("binary"));
        Assert.That(message.Decode(), Is.EqualTo(bytes));
    }

    [Test]
    public void Publish_ExplicitContentType_IsNotSerialized()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("ctype"));

        conn.CreateProducer().Publish("<p>hi</p>", routingKey: queue.Name, contentType: "text/html", contentEncoding: "utf-8");
        var message = GetRequired(queue);

        Assert.That(message.ContentType, Is.EqualTo("text/html"));
        Assert.That(message.Body, Is.EqualTo("<p>hi</p>"u8.ToArray()));
        Assert.That(message.Decode(), Is.EqualTo("<p>hi</p>"));
    }

    [Test]
    public void Publish_PropertiesAndHeaders_RoundTrip()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("props"));

        conn.CreateProducer().Publish(Nested, routingKey: queue.Name, headers: new Dictionary<string, object?> { ["h1"] = "v" },
            correlationId: "cid-1", replyTo: "replyq", expiration: TimeSpan.FromSeconds(60), priority: 5,
            deliveryMode: "transient", properties: new Dictionary<string, object?> { ["message_id"] = "mid-1" });
        var message = GetRequired(queue);

        Assert.That(message.Headers["h1"], Is.EqualTo("v"));
        Assert.That(message.Properties["correlation_id"], Is.EqualTo("cid-1"));
        Assert.That(message.Properties["reply_to"], Is.EqualTo("replyq"));
        Assert.That(message.Properties["message_id"], Is.EqualTo("mid-1"));
        Assert.That(message.Properties["expiration"], Is.EqualTo("60000"));
        Assert.That(Convert.ToInt32(message.Properties["delivery_mode"]), Is.EqualTo(1));
        Assert.That(Convert.ToInt32(message.Properties["priority"]), Is.EqualTo(5));
        Assert.That(message.DeliveryInfo["routing_key"], Is.EqualTo(queue.Name));
        Assert.That(message.Decode(), Is.EqualTo(Nested));
    }

    [Test]
    public void Decode_Generic_ConvertsToRecord()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("typed"));

        conn.CreateProducer().Publish(new Video("/tmp/lolcat1.avi", 1301013), routingKey: queue.Name);

        Assert.That(GetRequired(queue).Decode<Video>(), Is.EqualTo(new Video("/tmp/lolcat1.avi", 1301013)));
    }

    [Test]
    public void PublishGeneric_JsonPropertyNames_DecodeGenericReadsThem()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("stj"));
        var task = new TaskRef("6f1c", 3, new DateTime(2030, 6, 7, 8, 9, 10, DateTimeKind.Utc));

        conn.CreateProducer().Publish(task, System.Text.Json.JsonSerializerOptions.Default, routingKey: queue.Name);
        var message = GetRequired(queue);

        Assert.That((message.ContentType, message.ContentEncoding), Is.EqualTo(("application/json", "utf-8")));
        Assert.That(((IDictionary<string, object?>)message.Decode()!).Keys, Is.EquivalentTo(new[] { "task_id", "retries", "eta" }));
        Assert.That(message.Decode<TaskRef>(), Is.EqualTo(task));
    }

    public sealed record Video(string Name, long Size);

    public sealed record TaskRef(
        [property: System.Text.Json.Serialization.JsonPropertyName("task_id")] string TaskId,
        [property: System.Text.Json.Serialization.JsonPropertyName("retries")] int Retries,
        [property: System.Text.Json.Serialization.JsonPropertyName("eta")] DateTime Eta);
}
