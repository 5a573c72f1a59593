using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kombu.Exceptions;
using Kombu.Mixins;
using Kombu.Tests.Support;
using Kombu.Transport;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>
/// Reconnecting through the faults of issue 16 items 1 and 2, on the fault suite's own RabbitMQ node: a short outage
/// under a consuming <see cref="ConsumerMixin"/>, a peer that accepts TCP but never speaks, and a stalled link.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Faults")]
public sealed class AmqpReconnectTests
{
    private const int Count = 3000;

    [SetUp]
    public void RequireBroker() => FaultRabbit.Require();

    [Test]
    public void ConsumerMixin_QuickStopStartApp_ConsumesAgainWithinFiveSecondsAndReportsTheError()
    {
        var name = AmqpBroker.UniqueName("quick");
        var queue = new Queue(name, durable: true);
        using (var setup = new Connection(FaultRabbit.Url))
        {
            var producer = setup.CreateProducer(routingKey: name);
            producer.MaybeDeclare(queue);
            for (var i = 0; i < Count; i++)
                producer.Publish((long)i, serializer: "json");
        }
        using var consumerConn = new Connection(FaultRabbit.Url);
        var worker = new SlowWorker(consumerConn, queue);
        using var stop = new CancellationTokenSource();
        var consuming = Task.Factory.StartNew(() => worker.Run(stop.Token), TaskCreationOptions.LongRunning);
        var back = 0L;
        try
        {
            Assert.That(WaitFor(() => worker.Received.Count >= Count / 4, TimeSpan.FromSeconds(60)), Is.True,
                $"received {worker.Received.Count} before the outage");
            FaultRabbit.StopApp();
            FaultRabbit.StartApp();
            back = Stopwatch.GetTimestamp();
            var before = worker.Deliveries;

            Assert.That(WaitFor(() => worker.Deliveries > before, TimeSpan.FromSeconds(5)), Is.True,
                "a delivery within 5 s after the broker was back");
            var firstDelivery = Stopwatch.GetElapsedTime(back);
            Assert.That(WaitFor(() => worker.Received.Count == Count, TimeSpan.FromSeconds(60)), Is.True,
                $"received {worker.Received.Count} of {Count}");
            TestContext.Out.WriteLine($"first delivery seen {firstDelivery.TotalSeconds:0.00} s after the port opened, " +
                $"all {Count} {Stopwatch.GetElapsedTime(back).TotalSeconds:0.00} s after");
            Assert.That(worker.ConnectionErrorCalls, Is.GreaterThanOrEqualTo(1), "OnConnectionError was called");
        }
        finally
        {
            // Where the time went, relative to the broker's return.
            foreach (var (at, what) in worker.Events)
                TestContext.Out.WriteLine($"  {Stopwatch.GetElapsedTime(back, at).TotalSeconds:+0.00;-0.00} s {what}");
            FaultRabbit.EnsureRunning();
            stop.Cancel();
            consuming.Wait(TimeSpan.FromSeconds(30));
            using var cleanup = new Connection(FaultRabbit.Url);
            queue.Bind(cleanup.DefaultChannel).Delete();
        }
    }

    // Issue 16: RabbitMQ.Client 7.2.2 spins forever on a partial frame followed by the end of the stream (its frame
    // reader never treats a completed pipe holding less than a frame as the end), so the connection stays "open" and
    // silent; without heartbeats the consumer waited forever.
    [Test]
    public async Task DrainEvents_LinkCutMidFrameWithoutHeartbeat_RaisesConnectionLost()
    {
        var name = AmqpBroker.UniqueName("cut");
        var queue = new Queue(name, durable: false, autoDelete: true);
        await using var proxy = FaultProxy.Start("127.0.0.1", FaultRabbit.Port);
        using var conn = new Connection($"amqp://guest:guest@127.0.0.1:{proxy.Port}//");
        var received = new ConcurrentQueue<object?>();
        using var consumer = conn.CreateConsumer([queue], noAck: true, callbacks: [(body, _) => received.Enqueue(body)],
            accept: ["json"]);
        consumer.Consume();
        using (var direct = new Connection(FaultRabbit.Url))
        {
            var producer = direct.CreateProducer(routingKey: name);
            producer.Publish("before", serializer: "json");
            Assert.That(DrainUntil(conn, () => received.Count == 1), Is.Null, "the first message arrives");

            proxy.CutNextChunk();
            producer.Publish("cut", serializer: "json");
        }

        var error = DrainUntil(conn, () => false);

        Assert.That(error, Is.InstanceOf<KombuConnectionException>(), "DrainEvents raised a connection error within 10 s");
        Assert.That(conn.RecoverableConnectionErrors.Any(t => t.IsInstanceOfType(error)), Is.True,
            $"recoverable: {error?.GetType().Name} {error?.Message}");
        TestContext.Out.WriteLine($"raised: {error?.Message}");
    }

    [Test]
    public void ConsumerMixin_LinkCutMidFrameWithoutHeartbeat_ReconnectsAndConsumes()
    {
        var name = AmqpBroker.UniqueName("cutmix");
        var queue = new Queue(name, durable: true);
        using var proxy = FaultProxy.Start("127.0.0.1", FaultRabbit.Port);
        using var direct = new Connection(FaultRabbit.Url);
        var producer = direct.CreateProducer(routingKey: name);
        producer.MaybeDeclare(queue);
        using var consumerConn = new Connection($"amqp://guest:guest@127.0.0.1:{proxy.Port}//");
        var worker = new SlowWorker(consumerConn, queue);
        using var stop = new CancellationTokenSource();
        var consuming = Task.Factory.StartNew(() => worker.Run(stop.Token), TaskCreationOptions.LongRunning);
        try
        {
            producer.Publish(0L, serializer: "json");
            Assert.That(WaitFor(() => worker.Received.Count == 1, TimeSpan.FromSeconds(30)), Is.True, "consuming");

            proxy.CutNextChunk();
            var cut = Stopwatch.GetTimestamp();
            producer.Publish(1L, serializer: "json");

            // The reconnect succeeds at once, so OnConnectionError (the errback of failed attempts) is not called.
            Assert.That(WaitFor(() => worker.Received.Count == 2, TimeSpan.FromSeconds(5)), Is.True,
                "the cut message arrives again after reconnecting, within 5 s");
            TestContext.Out.WriteLine($"delivered {Stopwatch.GetElapsedTime(cut).TotalSeconds:0.00} s after the cut");
        }
        finally
        {
            stop.Cancel();
            consuming.Wait(TimeSpan.FromSeconds(30));
            queue.Bind(direct.DefaultChannel).Delete();
        }
    }

    [Test]
    public void Connect_PeerNeverSpeaks_RaisesAfterConnectTimeout()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;
            using var conn = new Connection($"amqp://guest:guest@127.0.0.1:{port}//?connect_timeout=2");
            var clock = Stopwatch.StartNew();

            Assert.That(() => conn.Connect(), Throws.InstanceOf<KombuConnectionException>());
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "two attempts of 2 s each");
        }
        finally
        {
            silent.Stop();
        }
    }

    [Test]
    public async Task EnsureConnection_ThroughStalledLink_CallsErrbackAndGivesUp()
    {
        await using var proxy = FaultProxy.Start("127.0.0.1", FaultRabbit.Port);
        proxy.Stall();
        using var conn = new Connection($"amqp://guest:guest@127.0.0.1:{proxy.Port}//", connectTimeout: TimeSpan.FromSeconds(1));
        var errbacks = new ConcurrentQueue<Exception>();
        var clock = Stopwatch.StartNew();

        Assert.That(async () => await conn.EnsureConnectionAsync((ex, _) => errbacks.Enqueue(ex), maxRetries: 2,
            intervalStart: TimeSpan.Zero, intervalStep: TimeSpan.Zero, intervalMax: TimeSpan.Zero),
            Throws.TypeOf<OperationalException>().With.InnerException.InstanceOf<KombuConnectionException>());
        Assert.That((errbacks.Count, clock.Elapsed < TimeSpan.FromSeconds(10)), Is.EqualTo((2, true)),
            $"errbacks {errbacks.Count} in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Drains events until <paramref name="done"/> or 10 s; returns the error DrainEvents raised, if any.</summary>
    private static Exception? DrainUntil(Connection connection, Func<bool> done)
    {
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (!done() && Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                connection.DrainEvents(TimeSpan.FromMilliseconds(200));
            }
            catch (TimeoutException)
            {
                // Nothing yet: wait again.
            }
            catch (KombuException ex)
            {
                return ex;
            }
        }
        return null;
    }

    private static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
                return false;
            Thread.Sleep(20);
        }
        return true;
    }

    // Acknowledges each message after a millisecond of work, so the outage lands while callbacks run, as in issue 16.
    private sealed class SlowWorker(Connection connection, Queue queue) : ConsumerMixin
    {
        private int _connectionErrors;
        private long _deliveries;
        private int _firstPending;

        public ConcurrentDictionary<long, byte> Received { get; } = new();

        public int ConnectionErrorCalls => Volatile.Read(ref _connectionErrors);

        public long Deliveries => Interlocked.Read(ref _deliveries);

        public override Connection Connection => connection;

        public override IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel) =>
            [factory([queue], [(body, message) =>
            {
                if (Interlocked.Exchange(ref _firstPending, 0) == 1)
                    Events.Enqueue((Stopwatch.GetTimestamp(), "first delivery"));
                Thread.Sleep(1);
                message.Ack();
                Received.TryAdd((long)body!, 0);
                Interlocked.Increment(ref _deliveries);
            }], accept: ["json"], prefetchCount: 100)];

        /// <summary>When the mixin reported each connection error, revival and consume-ready (timestamps).</summary>
        public ConcurrentQueue<(long At, string What)> Events { get; } = new();

        public override void OnConnectionRevived()
        {
            Events.Enqueue((Stopwatch.GetTimestamp(), "connected"));
            base.OnConnectionRevived();
        }

        public override void OnConsumeReady(Connection connection, IChannel channel, IReadOnlyList<Consumer> consumers)
        {
            Events.Enqueue((Stopwatch.GetTimestamp(), "consuming"));
            Volatile.Write(ref _firstPending, 1);
            base.OnConsumeReady(connection, channel, consumers);
        }

        public override void OnConnectionError(Exception exception, TimeSpan interval)
        {
            Events.Enqueue((Stopwatch.GetTimestamp(), $"connect failed, sleep {interval.TotalSeconds:0.#} s: {exception.Message}"));
            Interlocked.Increment(ref _connectionErrors);
            base.OnConnectionError(exception, interval);
        }
    }
}
