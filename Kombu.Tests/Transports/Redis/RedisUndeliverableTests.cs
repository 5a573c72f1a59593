using Kombu.Exceptions;
using Kombu.Mixins;
using Kombu.Transport;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Entries of a Redis queue that are not message envelopes: kept aside, reported, and consuming goes on.</summary>
[TestFixture]
public sealed class RedisUndeliverableTests : RedisWireTestBase
{
    private sealed class Worker(Connection connection, Queue queue) : ConsumerMixin
    {
        public List<object?> Bodies { get; } = [];

        public List<Exception> DecodeErrors { get; } = [];

        public override Connection Connection => connection;

        public override IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel) =>
            [factory([queue], [(body, message) => { Bodies.Add(body); message.Ack(); ShouldStop = true; }], prefetchCount: 10)];

        public override void OnDecodeError(Message message, Exception exception)
        {
            DecodeErrors.Add(exception);
            base.OnDecodeError(message, exception);
        }
    }

    private string BadBase64(string queue) =>
        "{\"body\": \"!!not base64!!\", \"content-encoding\": \"utf-8\", \"content-type\": \"application/json\", " +
        "\"headers\": {}, \"properties\": {\"body_encoding\": \"base64\", \"delivery_tag\": \"bad-tag\", " +
        "\"delivery_info\": {\"exchange\": \"\", \"routing_key\": \"" + queue + "\"}, \"priority\": 0, \"delivery_mode\": 2}}";

    [Test]
    public void Consume_GarbageEntry_DecodeErrorHandlerGetsItAndItIsKept()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("garbage"));
        Redis.ListLeftPush(KeyPrefix + queue.Name, "this is not json");
        conn.CreateProducer().Publish("valid", routingKey: queue.Name);
        var received = new List<object?>();
        (Message Message, Exception Error)? failure = null;
        using var consumer = conn.CreateConsumer([queue], callbacks: [(body, message) => { received.Add(body); message.Ack(); }],
            onDecodeError: (message, error) => { failure = (message, error); message.Ack(); });
        consumer.Consume();

        conn.DrainEvents(TimeSpan.FromSeconds(5));
        conn.DrainEvents(TimeSpan.FromSeconds(5));

        Assert.That(failure, Is.Not.Null);
        var error = failure!.Value.Error as InvalidEnvelopeException;
        Assert.That(error, Is.Not.Null, failure.Value.Error.ToString());
        Assert.That(error!.KeptIn, Is.EqualTo(KeyPrefix + queue.Name + ".undeliverable"));
        Assert.That(failure.Value.Message.Body, Is.EqualTo("this is not json"u8.ToArray()));
        Assert.That(received, Is.EqualTo(new object?[] { "valid" }));
        Assert.That(ListItems(queue.Name + ".undeliverable"), Is.EqualTo(new[] { "this is not json" }));
        Assert.That(Redis.ListLength(KeyPrefix + queue.Name), Is.Zero);
    }

    [Test]
    public void Consume_BadBase64WithPrefetch_KeptAsideAndItsUnackedRecordForgotten()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("b64"));
        var bad = BadBase64(queue.Name);
        Redis.ListLeftPush(KeyPrefix + queue.Name, bad);
        conn.CreateProducer().Publish("after", routingKey: queue.Name);
        var received = new List<object?>();
        var errors = new List<Exception>();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(body, message) => { received.Add(body); message.Ack(); }],
            onDecodeError: (message, error) => { errors.Add(error); message.Ack(); }, prefetchCount: 10);
        consumer.Consume();

        conn.DrainEvents(TimeSpan.FromSeconds(5));
        conn.DrainEvents(TimeSpan.FromSeconds(5));
        conn.DefaultChannel.Dispose();

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Is.TypeOf<InvalidEnvelopeException>());
        Assert.That(received, Is.EqualTo(new object?[] { "after" }));
        Assert.That(ListItems(queue.Name + ".undeliverable"), Is.EqualTo(new[] { bad }));
        Assert.That(Redis.HashExists(KeyPrefix + "unacked", "bad-tag"), Is.False, "the prefetching pop's record is forgotten");
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
    }

    [Test]
    public void Run_GarbageBeforeAValidMessage_ConsumerMixinKeepsRunning()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("mixin"));
        Redis.ListLeftPush(KeyPrefix + queue.Name, "{\"truncated\": ");
        conn.CreateProducer().Publish("still consumed", routingKey: queue.Name);
        var worker = new Worker(conn, queue) { SafetyInterval = TimeSpan.FromMilliseconds(200) };

        var run = Task.Run(() => worker.Run());

        Assert.That(run.Wait(TimeSpan.FromSeconds(20)), Is.True, "the worker got the valid message and stopped");
        Assert.That(run.IsFaulted, Is.False);
        Assert.That(worker.DecodeErrors, Has.Count.EqualTo(1));
        Assert.That(worker.Bodies, Is.EqualTo(new object?[] { "still consumed" }));
        Assert.That(ListItems(queue.Name + ".undeliverable"), Has.Length.EqualTo(1));
    }

    [Test]
    public void Get_GarbageEntry_RaisesAsKombuDoesAndKeepsIt()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("get"));
        Redis.ListLeftPush(KeyPrefix + queue.Name, "[1, 2");
        conn.CreateProducer().Publish("next", routingKey: queue.Name);

        // Kombu's Queue.get re-raises a message's errors.
        Assert.Throws<InvalidEnvelopeException>(() => queue.Get());

        Assert.That(queue.Get(noAck: true)!.Decode(), Is.EqualTo("next"));
        Assert.That(ListItems(queue.Name + ".undeliverable"), Is.EqualTo(new[] { "[1, 2" }));
        Assert.That(Redis.HashLength(KeyPrefix + "unacked"), Is.Zero);
    }
}
