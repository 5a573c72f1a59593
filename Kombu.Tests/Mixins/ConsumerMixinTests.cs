using Kombu.Mixins;
using Kombu.Transport;

namespace Kombu.Tests.Mixins;

[Category("Unit")]
public sealed class ConsumerMixinTests
{
    private sealed class Worker(Connection connection, Queue queue, int stopAfter) : ConsumerMixin
    {
        public List<string> Events { get; } = [];

        public List<object?> Bodies { get; } = [];

        public Message? DecodeFailure { get; private set; }

        public override Connection Connection => connection;

        public override IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel)
        {
            Events.Add("get_consumers");
            return [factory([queue], [OnBody])];
        }

        public override void OnConnectionRevived() => Events.Add("revived");

        public override void OnConsumeReady(Connection connection, IChannel channel, IReadOnlyList<Consumer> consumers) =>
            Events.Add($"ready:{consumers.Count}");

        public override void OnConsumeEnd(Connection connection, IChannel channel) => Events.Add("end");

        public override void OnIteration() => Events.Add("iteration");

        public override IDisposable? ExtraContext(Connection connection, IChannel channel) => new Extra(Events);

        public override void OnDecodeError(Message message, Exception exception)
        {
            DecodeFailure = message;
            base.OnDecodeError(message, exception);
            ShouldStop = true;
        }

        private void OnBody(object? body, Message message)
        {
            Events.Add("message");
            Bodies.Add(body);
            message.Ack();
            if (Bodies.Count >= stopAfter)
                ShouldStop = true;
        }
    }

    private sealed class Extra(List<string> events) : IDisposable
    {
        public void Dispose() => events.Add("extra_disposed");
    }

    private static (Connection Connection, Queue Queue) Setup(params object?[] bodies)
    {
        var connection = new Connection("memory://");
        var queue = new Queue("mixin" + Guid.NewGuid().ToString("N"), new Exchange("mixin-ex"), "k");
        var producer = connection.CreateProducer();
        foreach (var body in bodies)
            producer.Publish(body, routingKey: queue.Name, declare: [queue]);
        return (connection, queue);
    }

    [Test]
    public void Run_StopsAfterNMessages_ConsumesAllOfThem()
    {
        var (connection, queue) = Setup(1L, 2L, 3L);
        using var _ = connection;
        var worker = new Worker(connection, queue, stopAfter: 3) { SafetyInterval = TimeSpan.FromMilliseconds(50) };

        worker.Run();

        Assert.That(worker.Bodies, Is.EqualTo(new object?[] { 1L, 2L, 3L }));
    }

    [Test]
    public void Consume_OneMessage_CallsHooksInKombuOrder()
    {
        var (connection, queue) = Setup("a");
        using var _ = connection;
        var worker = new Worker(connection, queue, stopAfter: 10);

        var yielded = worker.Consume(limit: 1, safetyInterval: TimeSpan.FromMilliseconds(200)).ToList();

        Assert.That(yielded, Is.EqualTo(new[] { 0 }));
        Assert.That(worker.Events, Is.EqualTo(new[]
        {
            "revived", "get_consumers", "ready:1", "iteration", "message", "extra_disposed", "end",
        }));
    }

    [Test]
    public void OnDecodeError_Default_AcknowledgesTheMessage()
    {
        var connection = new Connection("memory://");
        using var _ = connection;
        var queue = new Queue("mixin" + Guid.NewGuid().ToString("N"), new Exchange("mixin-ex"), "bad");
        connection.CreateProducer().Publish("{not json", routingKey: queue.Name, contentType: "application/json",
            contentEncoding: "utf-8", declare: [queue]);
        var worker = new Worker(connection, queue, stopAfter: 1) { SafetyInterval = TimeSpan.FromMilliseconds(50) };

        worker.Run();

        Assert.That(worker.DecodeFailure!.Acknowledged, Is.True);
        Assert.That(queue.Bind(connection.DefaultChannel).Get(), Is.Null);
    }

    [Test]
    public void Consume_NothingArrives_ThrowsTimeout()
    {
        var (connection, queue) = Setup();
        using var _ = connection;
        var worker = new Worker(connection, queue, stopAfter: 1);

        Assert.That(() => worker.Consume(timeout: TimeSpan.FromMilliseconds(60), safetyInterval: TimeSpan.FromMilliseconds(30)).ToList(),
            Throws.TypeOf<TimeoutException>());
    }

    [Test]
    public async Task RunAsync_Cancelled_Returns()
    {
        var (connection, queue) = Setup();
        using var _ = connection;
        var worker = new Worker(connection, queue, stopAfter: 1) { SafetyInterval = TimeSpan.FromMilliseconds(50) };
        using var cts = new CancellationTokenSource();

        var run = worker.RunAsync(cts.Token);
        await cts.CancelAsync();
        await run;

        Assert.That(worker.ShouldStop, Is.True);
    }

    [Test]
    public async Task ConsumeAsync_OneMessage_YieldsOnce()
    {
        var (connection, queue) = Setup("a");
        using var _ = connection;
        var worker = new Worker(connection, queue, stopAfter: 10);
        var yielded = new List<int>();

        await foreach (var i in worker.ConsumeAsync(limit: 1, safetyInterval: TimeSpan.FromMilliseconds(200)))
            yielded.Add(i);

        Assert.That((yielded.Count, worker.Bodies.Single()), Is.EqualTo((1, (object?)"a")));
    }

    [Test]
    public void MaybeConnError_ConnectionError_IsIgnored()
    {
        var (connection, queue) = Setup();
        using var _ = connection;
        var worker = new Worker(connection, queue, stopAfter: 1);

        Assert.That(() => worker.MaybeConnError(() => throw new Exceptions.KombuConnectionException("lost")), Throws.Nothing);
        Assert.That(() => worker.MaybeConnError(() => throw new InvalidOperationException()), Throws.InvalidOperationException);
    }

    [Test]
    public void RestartLimit_Default_IsOnePerSecondBucket() =>
        Assert.That(new Worker(new Connection("memory://"), new Queue("q"), 1).RestartLimit.FillRate, Is.EqualTo(1));
}
