using Kombu.Exceptions;

namespace Kombu.Tests.Core;

/// <summary>How <see cref="Consumer"/> hands messages over, on the in-process memory transport.</summary>
[Category("Unit")]
public sealed class ConsumerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private Connection _connection = null!;
    private Queue _queue = null!;

    [SetUp]
    public void SetUp()
    {
        _connection = new Connection("memory://");
        _queue = new Queue("consumer-" + Guid.NewGuid().ToString("N")).Bind(_connection);
        _queue.Declare();
    }

    [TearDown]
    public void TearDown()
    {
        _queue.Delete();
        _connection.Dispose();
    }

    private void Send(object body, string? serializer = null) =>
        _connection.CreateProducer().Publish(body, routingKey: _queue.Name, serializer: serializer);

    [Test]
    public void Callbacks_MessageArrives_EachGetsBodyAndMessage()
    {
        var seen = new List<string>();
        using var consumer = _connection.CreateConsumer([_queue],
            callbacks: [(body, _) => seen.Add($"a:{body}"), (body, m) => { seen.Add($"b:{body}"); m.Ack(); }]);
        consumer.Consume();
        Send("hi");

        _connection.DrainEvents(Wait);

        Assert.That(seen, Is.EqualTo(new[] { "a:hi", "b:hi" }));
    }

    [Test]
    public void OnMessage_Set_ReplacesTheCallbacksAndGetsTheUndecodedMessage()
    {
        var callbacks = 0;
        Message? raw = null;
        using var consumer = _connection.CreateConsumer([_queue], callbacks: [(_, _) => callbacks++], onMessage: m => raw = m);
        consumer.Consume();
        Send("raw");

        _connection.DrainEvents(Wait);

        Assert.That((raw?.Payload, callbacks), Is.EqualTo(((object?)"raw", 0)));
    }

    [Test]
    public void Accept_ContentTypeNotAccepted_CallsOnDecodeErrorNotTheCallback()
    {
        var callbacks = 0;
        Exception? error = null;
        using var consumer = _connection.CreateConsumer([_queue], callbacks: [(_, _) => callbacks++],
            onDecodeError: (_, ex) => error = ex, accept: ["json"]);
        consumer.Consume();
        Send("yaml body", serializer: "yaml");

        _connection.DrainEvents(Wait);

        Assert.That((error?.GetType(), callbacks), Is.EqualTo((typeof(ContentDisallowedException), 0)));
    }

    [Test]
    public void Cancel_Consuming_StopsConsumingFromEveryQueue()
    {
        using var consumer = _connection.CreateConsumer([_queue], callbacks: [(_, _) => { }]);
        consumer.Consume();

        consumer.Cancel();

        Assert.That(consumer.ConsumingFrom(_queue), Is.False);
    }

    [Test]
    public void Recover_Requeue_RedeliversTheUnackedMessage()
    {
        var bodies = new List<object?>();
        using var consumer = _connection.CreateConsumer([_queue], callbacks: [(body, _) => bodies.Add(body)]);
        consumer.Consume();
        Send("again");
        _connection.DrainEvents(Wait);

        consumer.Recover(requeue: true);
        _connection.DrainEvents(Wait);

        Assert.That(bodies, Is.EqualTo(new[] { "again", "again" }));
    }

    [Test]
    public void Purge_MessagesReady_ReturnsTheirNumber()
    {
        using var consumer = _connection.CreateConsumer([_queue]);
        Send(1);
        Send(2);

        Assert.That(consumer.Purge(), Is.EqualTo(2));
    }
}
