using Kombu.Simple;

namespace Kombu.Tests.Simple;

[Category("Unit")]
public sealed class SimpleQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static string Unique() => $"simple-{Guid.NewGuid():N}";

    [Test]
    public void Get_AfterPut_ReturnsMessageWithPayload()
    {
        using var connection = new Connection("memory://");
        using var queue = connection.CreateSimpleQueue(Unique());
        queue.Put(new Dictionary<string, object?> { ["hello"] = "world" });

        var message = queue.Get(timeout: Patience);
        message.Ack();

        Assert.That(message.Payload, Is.EqualTo(new Dictionary<string, object?> { ["hello"] = "world" }));
    }

    [Test]
    public void Get_SeveralPuts_ReturnsThemInOrder()
    {
        using var connection = new Connection("memory://");
        using var queue = connection.CreateSimpleQueue(Unique(), noAck: true);
        queue.Put("a");
        queue.Put("b");
        queue.Put("c");

        var got = Enumerable.Range(0, 3).Select(_ => queue.Get(timeout: Patience).Payload).ToList();

        Assert.That(got, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void Get_NothingArrivesWithinTimeout_ThrowsEmpty()
    {
        using var connection = new Connection("memory://");
        using var queue = connection.CreateSimpleQueue(Unique());

        Assert.Throws<EmptyException>(() => queue.Get(timeout: TimeSpan.FromMilliseconds(20)));
    }

    [Test]
    public void Get_NonBlockingOnEmptyQueue_ThrowsEmpty()
    {
        using var connection = new Connection("memory://");
        using var queue = connection.CreateSimpleQueue(Unique());

        Assert.Throws<EmptyException>(() => queue.Get(block: false));
    }

    [Test]
    public void GetNowait_MessageReady_ReturnsIt()
    {
        using var connection = new Connection("memory://");
        using var queue = connection.CreateSimpleQueue(Unique());
        queue.Put("ready");

        var message = queue.GetNowait();
        message.Ack();

        Assert.That(message.Payload, Is.EqualTo("ready"));
    }

    [Test]
    public void GetNowait_EmptyQueue_ThrowsEmpty()
    {
        using var connection = new Connection("memory://");
        using var queue = connection.CreateSimpleQueue(Unique());

        Assert.Throws<EmptyException>(() => queue.GetNowait());
    }

    [Test]
    public void QSize_AfterTwoPuts_IsTwo()
    {
        using var connection = new Connection("memory://");
        using var queue = connection.CreateSimpleQueue(Unique());
        queue.Put(1);
        queue.Put(2);

        Assert.Multiple(() =>
        {
            Assert.That(queue.QSize(), Is.EqualTo(2));
            Assert.That(queue.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void Clear_WithMessages_RemovesThemAndReturnsCount()
    {
        using var connection = new Connection("memory://");
        using var queue = connection.CreateSimpleQueue(Unique());
        queue.Put(1);
        queue.Put(2);
        queue.Put(3);

        var removed = queue.Clear();

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(3));
            Assert.That(queue.QSize(), Is.Zero);
        });
    }

    [Test]
    public void Close_CreatedByConnection_ClosesOwnedChannel()
    {
        using var connection = new Connection("memory://");
        var queue = connection.CreateSimpleQueue(Unique());

        queue.Close();

        Assert.Multiple(() =>
        {
            Assert.That(queue.OwnsChannel, Is.True);
            Assert.That(queue.Channel.IsOpen, Is.False);
        });
    }

    [Test]
    public void Close_GivenChannel_LeavesChannelOpen()
    {
        using var connection = new Connection("memory://");
        var channel = connection.CreateChannel();
        var queue = new SimpleQueue(channel, Unique());
        queue.Put("x");
        queue.Get(timeout: Patience).Ack();

        queue.Close();

        Assert.That(channel.IsOpen, Is.True);
    }

    [Test]
    public void Close_WhileConsuming_CancelsConsumer()
    {
        using var connection = new Connection("memory://");
        var name = Unique();
        using var queue = connection.CreateSimpleQueue(name);
        queue.Put("x");
        queue.Get(timeout: Patience).Ack();

        queue.Close();

        Assert.That(queue.Consumer.ConsumingFrom(name), Is.False);
    }

    [Test]
    public void Ctor_Name_UsesNameForQueueExchangeAndRoutingKey()
    {
        using var connection = new Connection("memory://");
        var name = Unique();

        using var queue = new SimpleQueue(connection.DefaultChannel, name);

        Assert.Multiple(() =>
        {
            Assert.That(queue.Queue.Name, Is.EqualTo(name));
            Assert.That(queue.Queue.Exchange?.Name, Is.EqualTo(name));
            Assert.That(queue.Queue.RoutingKey, Is.EqualTo(name));
            Assert.That(queue.Queue.Durable, Is.True);
            Assert.That(queue.NoAck, Is.False);
        });
    }

    [Test]
    public void Ctor_QueueDeclaration_PublishesToItsExchangeAndKey()
    {
        using var connection = new Connection("memory://");
        var name = Unique();
        var declared = new Queue(name, new Exchange($"{name}-x", "topic"), "logs.#");

        using var queue = new SimpleQueue(connection.DefaultChannel, declared, noAck: true);
        queue.Put("routed", routingKey: "logs.error");

        Assert.That(queue.Get(timeout: Patience).Payload, Is.EqualTo("routed"));
    }

    [Test]
    public void Put_WithCompressionAndHeaders_RoundTrips()
    {
        using var connection = new Connection("memory://");
        using var queue = connection.CreateSimpleQueue(Unique(), noAck: true, compression: "zlib");

        queue.Put("squeezed", headers: new Dictionary<string, object?> { ["k"] = "v" });
        var message = queue.Get(timeout: Patience);

        Assert.Multiple(() =>
        {
            Assert.That(message.Payload, Is.EqualTo("squeezed"));
            Assert.That(message.Headers["k"], Is.EqualTo("v"));
        });
    }

    [Test]
    public void Get_UnackedMessageAfterClose_IsRedeliveredToNextQueue()
    {
        using var connection = new Connection("memory://");
        var name = Unique();
        using (var first = connection.CreateSimpleQueue(name))
        {
            first.Put("again");
            first.Get(timeout: Patience);
        }

        using var second = connection.CreateSimpleQueue(name);
        var message = second.Get(timeout: Patience);
        message.Ack();

        Assert.That(message.Payload, Is.EqualTo("again"));
    }

    [Test]
    public async Task GetAsync_AfterPutAsync_ReturnsMessage()
    {
        await using var connection = new Connection("memory://");
        await using var queue = connection.CreateSimpleQueue(Unique());
        await queue.PutAsync("async");

        var message = await queue.GetAsync(timeout: Patience);
        await message.AckAsync();

        Assert.That(message.Payload, Is.EqualTo("async"));
    }

    [Test]
    public async Task GetAsync_NothingArrives_ThrowsEmpty()
    {
        await using var connection = new Connection("memory://");
        await using var queue = connection.CreateSimpleQueue(Unique());

        Assert.That(async () => await queue.GetAsync(timeout: TimeSpan.FromMilliseconds(20)), Throws.InstanceOf<EmptyException>());
    }

    [Test]
    public async Task GetAsyncEnumerator_ThreeMessages_YieldsEachInOrder()
    {
        await using var connection = new Connection("memory://");
        await using var queue = connection.CreateSimpleQueue(Unique(), noAck: true);
        foreach (var n in new[] { 1, 2, 3 })
            await queue.PutAsync(n);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var got = new List<object?>();
        await foreach (var message in queue.WithCancellation(guard.Token))
        {
            got.Add(message.Payload);
            if (got.Count == 3)
                break;
        }

        Assert.That(got, Is.EqualTo(new object[] { 1L, 2L, 3L }));
    }

    [Test]
    public async Task ReadAllAsync_Cancelled_ThrowsOperationCanceled()
    {
        await using var connection = new Connection("memory://");
        await using var queue = connection.CreateSimpleQueue(Unique());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Assert.That(async () =>
        {
            await foreach (var _ in queue.ReadAllAsync(cts.Token))
            {
            }
        }, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Put_SeedLoggerExample_ProcessDeliversLoggedEntry()
    {
        var entries = new List<IDictionary<string, object?>>();
        using var connection = new BrokerConnection("memory://");
        using (var logger = new Kombu.Samples.SimpleLogger.Logger(connection, Unique()))
        {
            logger.Log("Error happened while encoding video", level: "ERROR",
                context: new Dictionary<string, object?> { ["filename"] = "cutekitten.mpg" });
            logger.Process(entries.Add, n: 1, timeout: Patience);
        }

        Assert.Multiple(() =>
        {
            Assert.That(entries, Has.Count.EqualTo(1));
            Assert.That(entries[0]["message"], Is.EqualTo("Error happened while encoding video"));
            Assert.That(entries[0]["level"], Is.EqualTo("ERROR"));
            Assert.That(entries[0]["context"], Is.EqualTo(new Dictionary<string, object?> { ["filename"] = "cutekitten.mpg" }));
            Assert.That(entries[0]["hostname"], Is.EqualTo(Environment.MachineName));
            Assert.That(entries[0]["timestamp"], Is.InstanceOf<double>());
        });
    }

    [Test]
    public void CreateSimpleQueue_GivenAQueue_PublishesToItsExchangeAndKey()
    {
        using var connection = new Connection("memory://");
        var name = Unique();
        var queue = new Queue(name, new Exchange(name + ".ex", "topic"), "jobs.#");
        using var simple = connection.CreateSimpleQueue(queue, noAck: true);

        simple.Put("job");

        Assert.That(simple.Queue.Name, Is.EqualTo(name));
        Assert.That(simple.Producer.Exchange.Name, Is.EqualTo(name + ".ex"));
        Assert.That(simple.Get(timeout: Patience).Payload, Is.EqualTo("job"));
        Assert.That(simple.OwnsChannel, Is.True);
    }

    [Test]
    public void CreateSimpleQueue_GivenAChannel_UsesItAndLeavesItOpen()
    {
        using var connection = new Connection("memory://");
        var channel = connection.CreateChannel();

        using (var simple = connection.CreateSimpleQueue(Unique(), noAck: true, channel: channel))
        {
            simple.Put("x");
            Assert.That((simple.Channel, simple.OwnsChannel), Is.EqualTo((channel, false)));
            Assert.That(simple.Get(timeout: Patience).Payload, Is.EqualTo("x"));
        }

        var name = Unique();
        var queue = new Queue(name, new Exchange(name), name);
        using var again = connection.CreateSimpleBuffer(queue, channel: channel);
        again.Put("still open");
        Assert.That(again.Get(timeout: Patience).Payload, Is.EqualTo("still open"));
    }
}
