using Kombu.Exceptions;

namespace Kombu.Tests.Core;

/// <summary>What <see cref="Producer.Publish"/> puts on the wire, read back through the in-process memory transport.</summary>
[Category("Unit")]
public sealed class ProducerTests
{
    private Connection _connection = null!;
    private Queue _queue = null!;

    [SetUp]
    public void SetUp()
    {
        _connection = new Connection("memory://");
        _queue = new Queue("producer-" + Guid.NewGuid().ToString("N")).Bind(_connection);
        _queue.Declare();
    }

    [TearDown]
    public void TearDown()
    {
        _queue.Delete();
        _connection.Dispose();
    }

    private Message Received(IEnumerable<string>? accept = null) => _queue.Get(noAck: true, accept: accept) ?? throw new AssertionException($"Nothing arrived in {_queue.Name}.");

    [Test]
    public void Publish_Defaults_JsonUtf8Persistent()
    {
        _connection.CreateProducer().Publish(new Dictionary<string, object?> { ["a"] = 1L }, routingKey: _queue.Name);

        var message = Received();

        Assert.That((message.ContentType, message.ContentEncoding, message.Properties["delivery_mode"]),
            Is.EqualTo(("application/json", "utf-8", (object)2)));
    }

    [Test]
    public void Publish_Serializer_SetsContentTypeAndRoundTrips()
    {
        _connection.CreateProducer().Publish(new List<object?> { 1L, "two" }, routingKey: _queue.Name, serializer: "msgpack");

        var message = Received(accept: ["msgpack"]);

        Assert.That((message.ContentType, message.Decode()), Is.EqualTo(("application/x-msgpack", (object)new List<object?> { 1L, "two" })));
    }

    [Test]
    public void Publish_Compression_SetsTheCompressionHeaderAndDecodes()
    {
        _connection.CreateProducer().Publish("squeezed", routingKey: _queue.Name, compression: "zlib");

        var message = Received();

        Assert.That((message.Headers["compression"], message.Payload), Is.EqualTo(((object?)"application/x-gzip", (object?)"squeezed")));
    }

    [Test]
    public void Publish_PriorityAndExpiration_SetProperties()
    {
        _connection.CreateProducer().Publish("p", routingKey: _queue.Name, priority: 7, expiration: TimeSpan.FromSeconds(30));

        var message = Received();

        Assert.That((message.Properties["priority"], message.Properties["expiration"]), Is.EqualTo(((object?)7, (object?)"30000")));
    }

    [Test]
    public void Publish_HeadersAndCorrelation_ArePassedThrough()
    {
        _connection.CreateProducer().Publish("h", routingKey: _queue.Name, headers: new Dictionary<string, object?> { ["x-trace"] = "t1" },
            correlationId: "c1", replyTo: "back");

        var message = Received();

        Assert.That((message.Headers["x-trace"], message.Properties["correlation_id"], message.Properties["reply_to"]),
            Is.EqualTo(((object?)"t1", (object?)"c1", (object?)"back")));
    }

    [Test]
    public void Publish_Declare_DeclaresTheQueueFirst()
    {
        var fresh = new Queue("producer-declared-" + Guid.NewGuid().ToString("N"));

        _connection.CreateProducer().Publish("d", routingKey: fresh.Name, declare: [fresh]);

        var bound = fresh.Bind(_connection);
        Assert.That(bound.Get(noAck: true)?.Payload, Is.EqualTo("d"));
        bound.Delete();
    }

    [Test]
    public void Publish_UnknownSerializer_RaisesSerializerNotInstalled() =>
        Assert.That(() => _connection.CreateProducer().Publish("x", routingKey: _queue.Name, serializer: "no-such"),
            Throws.InstanceOf<SerializerNotInstalledException>());
}
