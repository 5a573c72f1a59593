using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Tests.Core;

[Category("Unit")]
public sealed partial class MessageTests
{
    private static Message Received(string json, string contentType = "application/json") =>
        new(null, Encoding.UTF8.GetBytes(json), contentType: contentType, contentEncoding: "utf-8");

    [Test]
    public void DecodeGeneric_JsonPropertyName_IsHonoured() =>
        Assert.That(Received("""{"task_id": "t1", "retries": 2}""").Decode<TaskStub>(), Is.EqualTo(new TaskStub("t1", 2)));

    [Test]
    public void DecodeGeneric_NoOptions_MatchesNamesIgnoringCase() =>
        Assert.That(Received("""{"name": "x.avi", "size": 7}""").Decode<Plain>(), Is.EqualTo(new Plain("x.avi", 7)));

    [Test]
    public void DecodeGeneric_SourceGeneratedTypeInfo_IsUsed() =>
        Assert.That(Received("""{"task_id": "t2", "retries": 5}""").Decode(StubContext.Default.TaskStub),
            Is.EqualTo(new TaskStub("t2", 5)));

    [Test]
    public void DecodeGeneric_Kombu53TypedDate_IsReadThroughKombu()
    {
        var when = new DateTime(2030, 6, 7, 8, 9, 10, DateTimeKind.Utc);
        var json = KombuJson.Serialize(new Dictionary<string, object?> { ["name"] = "d", ["when"] = when });

        Assert.That(json, Does.Contain("__type__"));
        Assert.That(Received(json).Decode<Dated>(), Is.EqualTo(new Dated("d", when)));
    }

    [Test]
    public void DecodeGeneric_ObjectOrDictionary_ReturnsKombuValue()
    {
        var message = Received("""{"n": 1}""");

        Assert.That(message.Decode<IDictionary<string, object?>>()!["n"], Is.EqualTo(1L));
        Assert.That(message.Decode<object>(), Is.SameAs(message.Decode()));
    }

    [Test]
    public void DecodeGeneric_YamlBody_IsConverted()
    {
        var message = Received("name: y.avi\nsize: 9\n", "application/x-yaml");
        message.Accept = new HashSet<string> { "application/x-yaml" };

        Assert.That(message.Decode<Plain>(), Is.EqualTo(new Plain("y.avi", 9)));
    }

    [Test]
    public void DecodeGeneric_WrongShape_RaisesDecodeException() =>
        Assert.That(() => Received("""{"name": [1]}""").Decode<Plain>(), Throws.InstanceOf<DecodeException>());

    [Test]
    public void DecodeGeneric_NotAccepted_RaisesContentDisallowed()
    {
        var message = Received("""{"name": "x", "size": 1}""");
        message.Accept = new HashSet<string> { "application/x-msgpack" };

        Assert.That(() => message.Decode<Plain>(), Throws.InstanceOf<ContentDisallowedException>());
    }

    [Test]
    public void Ack_Received_SettlesAndRemovesTheMessage()
    {
        using var fixture = new MemoryQueue();
        var message = fixture.Receive("a");

        message.Ack();

        Assert.That((message.State, message.Acknowledged, fixture.Recover()), Is.EqualTo((MessageState.Ack, true, (object?)null)));
    }

    [Test]
    public void Ack_AlreadyAcked_RaisesMessageStateException()
    {
        using var fixture = new MemoryQueue();
        var message = fixture.Receive("a");
        message.Ack();

        Assert.That(() => message.Ack(), Throws.InstanceOf<MessageStateException>());
    }

    [Test]
    public void Reject_AfterAck_RaisesMessageStateException()
    {
        using var fixture = new MemoryQueue();
        var message = fixture.Receive("a");
        message.Ack();

        Assert.That(() => message.Reject(), Throws.InstanceOf<MessageStateException>());
    }

    [Test]
    public void Reject_NoRequeue_DropsTheMessage()
    {
        using var fixture = new MemoryQueue();
        var message = fixture.Receive("gone");

        message.Reject();

        Assert.That((message.State, fixture.Recover()), Is.EqualTo((MessageState.Rejected, (object?)null)));
    }

    [Test]
    public void Requeue_Received_DeliversTheMessageAgain()
    {
        using var fixture = new MemoryQueue();
        var message = fixture.Receive("back");

        message.Requeue();

        Assert.That((message.State, fixture.Recover()), Is.EqualTo((MessageState.Requeued, (object?)"back")));
    }

    [Test]
    public void Ack_NoChannel_RaisesMessageStateException() =>
        Assert.That(() => Received("{}").Ack(), Throws.InstanceOf<MessageStateException>());

    [Test]
    public void Decode_PickleNotAccepted_RaisesContentDisallowed()
    {
        var message = new Message(null, [0x80, 0x04, 0x4e, 0x2e], contentType: "application/x-python-serialize", contentEncoding: "binary");

        Assert.That(() => message.Decode(), Throws.InstanceOf<ContentDisallowedException>());
    }

    /// <summary>A unique memory-transport queue with one message taken and not yet settled.</summary>
    private sealed class MemoryQueue : IDisposable
    {
        private readonly Connection _connection = new("memory://");
        private readonly Queue _queue;

        public MemoryQueue()
        {
            _queue = new Queue("message-" + Guid.NewGuid().ToString("N")).Bind(_connection);
            _queue.Declare();
        }

        public Message Receive(string body)
        {
            _connection.CreateProducer().Publish(body, routingKey: _queue.Name);
            return _queue.Get(noAck: false) ?? throw new AssertionException("The message did not arrive.");
        }

        /// <summary>What is left in the queue after the channel gives back its unacked messages.</summary>
        public object? Recover()
        {
            Kombu.Utils.SyncOverAsync.Wait(_connection.DefaultChannel.BasicRecoverAsync(requeue: true));
            return _queue.Get(noAck: true)?.Payload;
        }

        public void Dispose()
        {
            _queue.Delete();
            _connection.Dispose();
        }
    }

    public sealed record TaskStub([property: JsonPropertyName("task_id")] string TaskId, [property: JsonPropertyName("retries")] int Retries);

    public sealed record Plain(string Name, long Size);

    public sealed record Dated(string Name, DateTime When);

    [JsonSerializable(typeof(TaskStub))]
    internal sealed partial class StubContext : JsonSerializerContext;
}
