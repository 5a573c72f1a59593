using System.Diagnostics;
using Kombu.Tests.Support;
using Kombu.Transport.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>
/// <c>sentinel://</c> URLs against a real Redis Sentinel (tools/brokers/redis-sentinel.sh), and <c>SENTINEL FAILOVER</c>
/// under a running publisher and consumer.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RedisSentinelTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private string _prefix = "";

    [SetUp]
    public void SetUp()
    {
        RedisSentinelServer.Require();
        _prefix = "rsn-" + Guid.NewGuid().ToString("N")[..10] + ":";
    }

    [TearDown]
    public void TearDown()
    {
        var master = RedisSentinelServer.MasterPort();
        foreach (var key in RedisSentinelServer.Cli(master, "--scan", "--pattern", _prefix + "*").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            RedisSentinelServer.Cli(master, "DEL", key);
    }

    private Connection Connect() =>
        new(RedisSentinelServer.Url(0), transportOptions: new Dictionary<string, object?> { ["global_keyprefix"] = _prefix });

    [Test]
    public void Consume_ThroughTheSentinel_BlockingPopReachesTheMaster()
    {
        using var conn = Connect();
        var queue = new Queue("via-sentinel", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var received = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(body, message) => { received.Add(body); message.Ack(); }]);
        consumer.Consume();
        var publisher = Task.Run(() =>
        {
            Thread.Sleep(300);
            using var other = Connect();
            other.CreateProducer().Publish("through the sentinel", routingKey: queue.Name);
        });

        conn.DrainEvents(TimeSpan.FromSeconds(10));
        publisher.Wait();

        Assert.That(received, Is.EqualTo(new object?[] { "through the sentinel" }));
        Assert.That(conn.Transport, Is.TypeOf<SentinelTransport>());
        var master = RedisSentinelServer.MasterPort();
        Assert.That(RedisSentinelServer.Cli(master, "CLIENT", "LIST"), Does.Contain("name=kombu.net-brpop"),
            "the blocking pop went to the master the sentinel names");
    }

    [Test]
    public void Failover_UnderAPublisherAndAConsumer_NoMessageLost()
    {
        const int count = 300;
        var queue = new Queue("failover", new Exchange("failover", "direct"), "failover");
        using var consumerConn = Connect();
        var worker = new RedisWorker(consumerConn, queue, prefetchCount: 10);
        using var stop = new CancellationTokenSource();
        var consuming = Task.Factory.StartNew(() => worker.Run(stop.Token), TaskCreationOptions.LongRunning);
        var retries = 0;
        // Ensure retries at once after each reconnect. During the switch both servers refuse writes (READONLY,
        // NOREPLICAS) until the sentinel turns the old master into the new one's replica, up to its 10 s INFO period
        // with a single replica, so the errback paces the retries.
        var policy = new RetryPolicy
        {
            MaxRetries = 150,
            IntervalStart = TimeSpan.FromMilliseconds(100),
            IntervalStep = TimeSpan.FromMilliseconds(200),
            IntervalMax = TimeSpan.FromSeconds(1),
            Errback = (_, _) => { Interlocked.Increment(ref retries); Thread.Sleep(200); },
        };
        // A failover just before (another run's) leaves the old master to be turned into a replica within 10 s.
        Until.True(RedisSentinelServer.InSync, Deadline, "the replica to be in sync with the master");
        var oldMaster = RedisSentinelServer.MasterPort();
        var clock = Stopwatch.StartNew();
        TimeSpan? failedOverAt = null;
        try
        {
            using var producerConn = Connect();
            queue.Bind(producerConn.DefaultChannel).Declare();
            var producer = producerConn.CreateProducer(exchange: queue.Exchange);
            for (var i = 0; i < count; i++)
            {
                if (i == count / 3)
                {
                    RedisSentinelServer.Failover();
                    failedOverAt = clock.Elapsed;
                }
                producer.Publish((long)i, routingKey: "failover", serializer: "json", retry: true, retryPolicy: policy);
                Thread.Sleep(5);
            }
            Until.True(() => RedisSentinelServer.MasterPort() != oldMaster, Deadline, "the switch to the new master");
            Until.True(() => worker.Received.Count == count, Deadline, $"all {count} deliveries", () =>
                $"received {worker.Received.Count}, {worker.Sessions} sessions, master {RedisSentinelServer.MasterPort()}, " +
                $"queue {RedisSentinelServer.Cli(RedisSentinelServer.MasterPort(), "LLEN", _prefix + "failover").Trim()}, " +
                $"unacked {RedisSentinelServer.Cli(RedisSentinelServer.MasterPort(), "HLEN", _prefix + "unacked").Trim()}");

            TestContext.Out.WriteLine($"master {oldMaster} -> {RedisSentinelServer.MasterPort()} at {failedOverAt?.TotalSeconds:0.0} s; " +
                $"received {worker.Received.Count}/{count}, {worker.Duplicates} duplicated, {worker.Sessions} consumer sessions, " +
                $"{retries} publish retries, " +
                $"{clock.Elapsed.TotalSeconds:0.0} s in all");
            Assert.That(Enumerable.Range(0, count).Where(i => !worker.Received.ContainsKey(i)), Is.Empty);
            Assert.That(RedisSentinelServer.MasterPort(), Is.Not.EqualTo(oldMaster));
        }
        finally
        {
            stop.Cancel();
            consuming.Wait(TimeSpan.FromSeconds(30));
        }
    }
}
