using System.Text;
using Kombu.Serialization;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Virtual;

[Category("Unit")]
public sealed class EnvelopeReaderTests
{
    private static readonly string[] s_envelopes =
    [
        // Python Kombu over Redis (wire-formats.md §5.10), with caller properties and headers.
        """{"body": "eJyrVspIzcnJV7JSUCrPL8pJUdIBMjJS84AC1Urx8SWVBanx8SDZlMSS1JLM3FSQgvj4ssScUqiEkYGRia6Boa6BUYiBsZWBiZWBqVJtLQC9VRm4", "content-encoding": "utf-8", "content-type": "application/json", "headers": {"h1": "v", "n": [1, 2.5, null, {"x": true}], "compression": "application/x-gzip"}, "properties": {"correlation_id": "cid-1", "reply_to": "replyq", "delivery_mode": 2, "expiration": "10000", "delivery_info": {"exchange": "myex", "routing_key": "rk"}, "priority": 5, "body_encoding": "base64", "delivery_tag": "145f328f-b551-4bb9-98ca-794ee62a4179", "n": 7, "d": {"k": [1]}}}""",
        // This port's compact form.
        """{"body":"eyJpZCI6MH0=","content-encoding":"utf-8","content-type":"application/json","headers":{},"properties":{"delivery_mode":2,"delivery_info":{"exchange":"","routing_key":"q"},"priority":0,"body_encoding":"base64","delivery_tag":"t-1"}}""",
        // A text body with escapes, restored (redelivered), no priority.
        """{"body": "caf\u00e9 \"q\"\n", "content-encoding": "utf-8", "content-type": "text/plain", "headers": {}, "properties": {"delivery_mode": 1, "delivery_info": {"exchange": "e", "routing_key": "k\u00e9"}, "body_encoding": "utf-8", "delivery_tag": "t-2"}, "redelivered": true}""",
        // Kombu 2: priority in delivery_info (the general path reads it).
        """{"body": "aGk=", "properties": {"delivery_info": {"exchange": "", "routing_key": "q", "priority": 3}, "body_encoding": "base64", "delivery_tag": "t-3"}}""",
        // No body, no content type, null content encoding, an empty base64 body.
        """{"content-encoding": null, "properties": {"delivery_tag": "t-4"}}""",
        """{"body": "", "properties": {"body_encoding": "base64", "delivery_tag": "t-5"}}""",
        // A typed value in a property and base64 with a line break (both read by the general path).
        """{"body": "aGVs\nbG8=", "properties": {"body_encoding": "base64", "delivery_tag": "t-6", "when": {"__type__": "datetime", "__value__": "2024-01-02T03:04:05"}}}""",
    ];

    private static IEnumerable<string> Envelopes() => s_envelopes;

    [TestCaseSource(nameof(Envelopes))]
    public void Deserialize_CommonAndUncommonShapes_ReadAsTheGeneralPathDoes(string json)
    {
        var expected = EnvelopeJson.FromDocument(KombuJson.Deserialize(json));

        var fromText = EnvelopeJson.Deserialize(json);
        var fromBytes = EnvelopeJson.Deserialize(Encoding.UTF8.GetBytes(json));

        Assert.Multiple(() =>
        {
            AssertSame(fromText, expected);
            AssertSame(fromBytes, expected);
        });
    }

    [TestCase("""{"body": "aGk=", "properties": {"delivery_tag": "t", "body_encoding": "base64"}}""")]
    [TestCase("""{"body":"eyJpZCI6MH0=","headers":{"a":1},"properties":{"delivery_info":{"exchange":"","routing_key":"q"},"delivery_tag":"t","x":"y"}}""")]
    public void TryRead_CommonShape_ReadsWithoutTheGeneralPath(string json) =>
        Assert.That(EnvelopeReader.TryRead(json), Is.Not.Null);

    [TestCase("""{"body": "aGk=", "extra": 1}""")]
    [TestCase("""{"body": "aGk=", "properties": {"delivery_info": {"exchange": "", "redelivered": true}}}""")]
    [TestCase("""{"body": "aGk=", "properties": {"priority": 1.5}}""")]
    [TestCase("""{"body": "aGk=", "headers": {"__type__": "bytes", "__value__": "aGk="}}""")]
    [TestCase("""{"body": "aGk="} trailing""")]
    [TestCase("""[1, 2]""")]
    public void TryRead_UncommonShape_LeavesItToTheGeneralPath(string json) =>
        Assert.That(EnvelopeReader.TryRead(json), Is.Null);

    private static void AssertSame(Envelope actual, Envelope expected)
    {
        Assert.That((actual.ContentType, actual.ContentEncoding, actual.BodyEncoding, actual.DeliveryTag),
            Is.EqualTo((expected.ContentType, expected.ContentEncoding, expected.BodyEncoding, expected.DeliveryTag)));
        Assert.That((actual.DeliveryMode, actual.Priority, actual.Exchange, actual.RoutingKey, actual.Redelivered),
            Is.EqualTo((expected.DeliveryMode, expected.Priority, expected.Exchange, expected.RoutingKey, expected.Redelivered)));
        Assert.That(actual.Body, Is.EqualTo(expected.Body));
        Assert.That(actual.Headers, Is.EqualTo(expected.Headers));
        Assert.That(actual.Properties, Is.EqualTo(expected.Properties));
        Assert.That(actual.DeliveryInfoExtras, Is.EqualTo(expected.DeliveryInfoExtras));
        Assert.That(KombuJson.Serialize(EnvelopeJson.ToDocument(actual)), Is.EqualTo(KombuJson.Serialize(EnvelopeJson.ToDocument(expected))));
    }
}
