using System.Diagnostics;
using Kombu.Tests.Support;
using Kombu.Transport.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>
/// The fault suite's own Redis (6390, append-only file) shut down, restarted and its clients killed under running
/// consumers: nothing the server held is lost, and nothing waits in <c>unacked</c> for the visibility timeout.
/// </summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class RedisFaultTests : FaultRedisTestBase
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private Queue PublishNumbers(string name, int count)
    {
        var queue = new Queue(name, new Exchange(name, "direct"), name);
        using var conn = Connect();
        var producer = conn.CreateProducer(exchange: queue.Exchange);
        for (var i = 0; i < count; i++)
            producer.Publish((long)i, routingKey: name, serializer: "json", declare: [queue]);
        return queue;
    }

    [Test]
    public void Restart_ConsumerMixinWithPrefetch_AllReceivedNoneLeftInUnacked()
    {
        const int count = 600;
        var queue = PublishNumbers("restart", count);
        using var conn = Connect();
        var worker = new RedisWorker(conn, queue, prefetchCount: 50) { WorkTime = TimeSpan.FromMilliseconds(2) };
        using var stop = new CancellationTokenSource();
        var consuming = Task.Factory.StartNew(() => worker.Run(stop.Token), TaskCreationOptions.LongRunning);
        try
        {
            Until.True(() => worker.Received.Count >= count / 4, Deadline, "the first quarter of the deliveries");
            FaultRedis.Shutdown();
            var receivedWhileDown = worker.Received.Count;
            FaultRedis.Start();
            var back = Stopwatch.GetTimestamp();
            Until.True(() => worker.LastDelivery > back, Deadline, "a delivery after the restart");
            var firstDelivery = Stopwatch.GetElapsedTime(back, worker.LastDelivery);
            Until.True(() => worker.Received.Count == count, Deadline, $"all {count} deliveries");
            Until.True(() => Redis.HashLength(Prefix + "unacked") == 0, TimeSpan.FromSeconds(10), "an empty unacked hash");

            TestContext.Out.WriteLine($"received {worker.Received.Count}/{count} ({receivedWhileDown} before the restart), " +
                $"{worker.Duplicates} duplicated, first delivery {firstDelivery.TotalSeconds:0.00} s after Redis was back, " +
                $"{worker.Sessions} sessions");
            Assert.That(Enumerable.Range(0, count).Where(i => !worker.Received.ContainsKey(i)), Is.Empty);
            Assert.That(firstDelivery, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(worker.Sessions, Is.GreaterThanOrEqualTo(2), "the mixin reconnected");
        }
        finally
        {
            stop.Cancel();
            consuming.Wait(TimeSpan.FromSeconds(30));
        }
    }

    [Test]
    public void Close_RedisDown_ReturnsAtOnceAndTheNextConnectionPutsTheHeldMessagesBack()
    {
        var queue = PublishNumbers("close", 10);
        var conn = Connect();
        Message? first = null;
        var consumer = conn.CreateConsumer([queue], callbacks: [(_, message) => first = message], accept: ["json"],
            prefetchCount: 10);
        consumer.Consume();
        conn.DrainEvents(TimeSpan.FromSeconds(5));
        Assert.That(first?.Decode(), Is.EqualTo(0L));
        Assert.That(Redis.HashLength(Prefix + "unacked"), Is.EqualTo(10), "one delivered and nine prefetched, all recorded");
        FaultRedis.Shutdown();

        var clock = Stopwatch.StartNew();
        conn.Dispose();
        var closing = clock.Elapsed;

        FaultRedis.Start();
        using var next = Connect();
        next.EnsureConnection();
        TestContext.Out.WriteLine($"closed in {closing.TotalMilliseconds:0} ms while Redis was down");
        Assert.That(closing, Is.LessThan(TimeSpan.FromSeconds(3)), "closing does not wait in the driver's backlog");
        Assert.That(Redis.HashLength(Prefix + "unacked"), Is.Zero);
        Assert.That(Redis.ListLength(Prefix + "close"), Is.EqualTo(10));
        var bodies = new List<(object? Body, bool Redelivered)>();
        for (var i = 0; i < 10; i++)
        {
            var message = queue.Bind(next.DefaultChannel).Get(noAck: true, accept: ["json"])!;
            bodies.Add((message.Decode(), message.Headers.TryGetValue("redelivered", out var r) && r is true));
        }
        Assert.That(bodies.Select(b => b.Body), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (object?)(long)i)));
        Assert.That(bodies.Select(b => b.Redelivered), Is.EqualTo(new[] { true }.Concat(Enumerable.Repeat(false, 9))),
            "the delivered message comes back marked redelivered, the prefetched ones unmarked");
    }

    [Test]
    public void ClientKill_ConsumerMixin_KeepsConsumingAndLosesNothing()
    {
        const int count = 300;
        var queue = PublishNumbers("kill", count);
        using var conn = Connect();
        var worker = new RedisWorker(conn, queue, prefetchCount: 20) { WorkTime = TimeSpan.FromMilliseconds(2) };
        using var stop = new CancellationTokenSource();
        var consuming = Task.Factory.StartNew(() => worker.Run(stop.Token), TaskCreationOptions.LongRunning);
        try
        {
            Until.True(() => worker.Received.Count >= count / 3, Deadline, "the first third of the deliveries");
            var killed = FaultRedis.KillClients();
            Until.True(() => worker.Received.Count == count, Deadline, $"all {count} deliveries");
            Until.True(() => Redis.HashLength(Prefix + "unacked") == 0, TimeSpan.FromSeconds(10), "an empty unacked hash");

            TestContext.Out.WriteLine($"killed {killed} clients; received {worker.Received.Count}/{count}, " +
                $"{worker.Duplicates} duplicated, {worker.Sessions} sessions");
            Assert.That(Enumerable.Range(0, count).Where(i => !worker.Received.ContainsKey(i)), Is.Empty);
        }
        finally
        {
            stop.Cancel();
            consuming.Wait(TimeSpan.FromSeconds(30));
        }
    }

    [Test]
    public void Drain_RedisDown_RaisesAConnectionErrorTheMixinRecognises()
    {
        var queue = PublishNumbers("down", 1);
        using var conn = Connect();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(_, m) => m.Ack()], accept: ["json"]);
        consumer.Consume();
        conn.DrainEvents(TimeSpan.FromSeconds(5));
        FaultRedis.Shutdown();

        var error = Assert.Catch(() => conn.DrainEvents(TimeSpan.FromSeconds(5)));

        Assert.That(Kombu.Connection.IsAny(error!, conn.ConnectionErrors), Is.True, error!.ToString());
    }
}
