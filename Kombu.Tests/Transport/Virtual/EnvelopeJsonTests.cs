using Kombu.Serialization;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public sealed class EnvelopeJsonTests
{
    // Captured from Python Kombu publishing to Redis (wire-formats.md §5.10).
    private const string KombuRedisEnvelope =
        """{"body": "eJyrVspIzcnJV7JSUCrPL8pJUdIBMjJS84AC1Urx8SWVBanx8SDZlMSS1JLM3FSQgvj4ssScUqiEkYGRia6Boa6BUYiBsZWBiZWBqVJtLQC9VRm4", "content-encoding": "utf-8", "content-type": "application/json", "headers": {"h1": "v", "compression": "application/x-gzip"}, "properties": {"correlation_id": "cid-1", "reply_to": "replyq", "message_id": "mid-1", "delivery_mode": 2, "expiration": "10000", "delivery_info": {"exchange": "myex", "routing_key": "rk"}, "priority": 5, "body_encoding": "base64", "delivery_tag": "145f328f-b551-4bb9-98ca-794ee62a4179"}}""";

    [Test]
    public void Deserialize_PythonEnvelope_ReadsEveryField()
    {
        var envelope = EnvelopeJson.Deserialize(KombuRedisEnvelope);

        Assert.That((envelope.ContentType, envelope.ContentEncoding, envelope.BodyEncoding),
            Is.EqualTo(("application/json", "utf-8", "base64")));
        Assert.That((envelope.Exchange, envelope.RoutingKey, envelope.Priority, envelope.DeliveryMode),
            Is.EqualTo(("myex", "rk", 5, 2)));
        Assert.That(envelope.DeliveryTag, Is.EqualTo("145f328f-b551-4bb9-98ca-794ee62a4179"));
        Assert.That(envelope.Properties, Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["correlation_id"] = "cid-1", ["reply_to"] = "replyq", ["message_id"] = "mid-1", ["expiration"] = "10000",
        }));
        Assert.That(envelope.Headers["compression"], Is.EqualTo("application/x-gzip"));
        Assert.That(envelope.Body.Take(2), Is.EqualTo(new byte[] { 0x78, 0x9C }));
    }

    [Test]
    public void Deserialize_PythonEnvelope_BodyDecodesThroughMessage()
    {
        var envelope = EnvelopeJson.Deserialize(KombuRedisEnvelope);

        var message = new Message(null, envelope.Body, envelope.DeliveryTag, envelope.ContentType, envelope.ContentEncoding,
            envelope.BuildDeliveryInfo(), headers: envelope.Headers);

        Assert.That(((IDictionary<string, object?>)message.Decode()!)["hello"], Is.EqualTo("world"));
    }

    [Test]
    public void Serialize_WritesKombuKeysAndBase64Body()
    {
        var envelope = new Envelope
        {
            Body = "plain text"u8.ToArray(), ContentType = "text/plain", ContentEncoding = "utf-8",
            Exchange = "", RoutingKey = "celery", DeliveryTag = "tag-1", Priority = 3,
        };

        var document = (IDictionary<string, object?>)KombuJson.Deserialize(EnvelopeJson.Serialize(envelope))!;
        var properties = (IDictionary<string, object?>)document["properties"]!;

        Assert.That(document.Keys, Is.EqualTo(new[] { "body", "content-encoding", "content-type", "headers", "properties" }));
        Assert.That(document["body"], Is.EqualTo("cGxhaW4gdGV4dA=="));
        Assert.That(properties["delivery_info"], Is.EqualTo(new Dictionary<string, object?> { ["exchange"] = "", ["routing_key"] = "celery" }));
        Assert.That((properties["priority"], properties["body_encoding"], properties["delivery_tag"], properties["delivery_mode"]),
            Is.EqualTo((3L, "base64", "tag-1", 2L)));
    }

    [Test]
    public void RoundTrip_RestoredEnvelope_KeepsRedeliveredFlag()
    {
        var original = EnvelopeJson.Deserialize(KombuRedisEnvelope).CloneForRestore();

        var copy = EnvelopeJson.Deserialize(EnvelopeJson.Serialize(original));

        Assert.That(copy.Redelivered, Is.True);
        Assert.That(copy.Body, Is.EqualTo(original.Body));
        Assert.That(copy.DeliveryTag, Is.EqualTo(original.DeliveryTag));
    }

    [Test]
    public void Deserialize_Kombu2Envelope_TakesPriorityFromDeliveryInfo()
    {
        const string json = """{"body": "aGk=", "content-encoding": "utf-8", "content-type": "text/plain", "headers": {}, "properties": {"delivery_mode": 2, "delivery_info": {"exchange": "x", "routing_key": "k", "priority": 7}, "body_encoding": "base64", "delivery_tag": 1}}""";

        var envelope = EnvelopeJson.Deserialize(json);

        Assert.That((envelope.Priority, envelope.DeliveryTag, envelope.Body), Is.EqualTo((7, "1", "hi"u8.ToArray())));
    }

    [Test]
    public void Deserialize_BodyWithoutEncoding_IsTakenAsText()
    {
        var envelope = EnvelopeJson.Deserialize("""{"body": "héllo", "properties": {}}""");

        Assert.That(envelope.Body, Is.EqualTo("héllo"u8.ToArray()));
    }

    [TestCase("[1, 2]")]
    [TestCase("""{"body": "!!!notbase64", "properties": {"body_encoding": "base64"}}""")]
    public void Deserialize_NotAnEnvelope_ThrowsDecodeException(string json) =>
        Assert.That(() => EnvelopeJson.Deserialize(json), Throws.TypeOf<Exceptions.DecodeException>());

    [Test]
    [NonParallelizable]
    public void Serialize_DefaultRegistryAtKombu52_HeaderValuesWrittenAsKombu52Does()
    {
        var envelope = new Envelope
        {
            Body = "{}"u8.ToArray(), ContentType = "application/json", ContentEncoding = "utf-8", RoutingKey = "q",
            Headers = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["eta"] = new DateTime(2030, 6, 7, 8, 9, 10, DateTimeKind.Utc),
                ["id"] = Guid.Parse("00000000-0000-0000-0000-0000000000ff"),
            },
        };
        Serializers.Registry.JsonCompatibility = JsonCompatibility.Kombu52;
        string json;
        try
        {
            json = EnvelopeJson.Serialize(envelope);
        }
        finally
        {
            Serializers.Registry.JsonCompatibility = JsonCompatibility.Kombu53;
        }

        Assert.That(json, Does.Contain("\"headers\":{\"eta\":\"2030-06-07T08:09:10Z\",\"id\":\"00000000-0000-0000-0000-0000000000ff\"}"));
        Assert.That(EnvelopeJson.Serialize(envelope), Does.Contain("\"__type__\":\"datetime\""));
    }
}
