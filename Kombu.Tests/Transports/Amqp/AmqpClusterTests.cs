namespace Kombu.Tests.Transports.Amqp;

/// <summary>
/// A three-node RabbitMQ cluster (tools/brokers/rabbitmq-cluster.sh): quorum queues declared through queue arguments,
/// failover URLs, and a node stopped under a confirming publisher and a ConsumerMixin.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AmqpClusterTests
{
    private const int First = 5701;
    private static readonly Dictionary<string, object?> Quorum = new() { ["x-queue-type"] = "quorum" };

    [SetUp]
    public void RequireCluster() => RabbitCluster.Require();

    private static Queue QuorumQueue(string name) =>
        new(name, new Exchange(name, "direct", durable: true), name, durable: true, queueArguments: Quorum);

    private static void Delete(string name, int port)
    {
        using var conn = new Connection(RabbitCluster.Url(port));
        new Queue(name).Bind(conn.DefaultChannel).Delete();
        new Exchange(name).Bind(conn.DefaultChannel).Delete();
    }

    [Test]
    public void QueueArguments_XQueueTypeQuorum_DeclaresAQueueReplicatedOnEveryNode()
    {
        var name = AmqpBroker.UniqueName("quorum");
        try
        {
            using (var conn = new Connection(RabbitCluster.Url(First),
                transportOptions: new Dictionary<string, object?> { ["confirm_publish"] = true }))
            {
                var producer = conn.CreateProducer(exchange: QuorumQueue(name).Exchange);
                foreach (var body in new[] { "a", "b", "c" })
                    producer.Publish(body, routingKey: name, declare: [QuorumQueue(name)]);
            }

            var listing = RabbitCluster.Ctl(5703, "list_queues", "name", "type", "members", "--no-table-headers");
            var row = listing.Split('\n').Single(line => line.StartsWith(name + "\t", StringComparison.Ordinal));
            Assert.That(row, Does.Contain("\tquorum\t"));
            Assert.That(RabbitCluster.Ports.Select(RabbitCluster.Node), Has.All.Matches<string>(node => row.Contains(node!, StringComparison.Ordinal)));

            using var other = new Connection(RabbitCluster.Url(5703));
            var queue = QuorumQueue(name).Bind(other.DefaultChannel);
            var bodies = Enumerable.Range(0, 3).Select(_ => queue.Get(noAck: true)?.Decode()).ToList();
            Assert.That(bodies, Is.EqualTo(new[] { "a", "b", "c" }), "published on kombu-c1, read on kombu-c3");
        }
        finally
        {
            Delete(name, 5702);
        }
    }

    [Test]
    public void NodeStopped_ConfirmingPublisherAndConsumerMixin_MoveToAnotherNodeWithNothingLost()
    {
        const int count = 300;
        var name = AmqpBroker.UniqueName("failover");
        var queue = QuorumQueue(name);
        using var consumerConn = new Connection(RabbitCluster.FailoverUrl);
        var worker = new CollectingWorker(consumerConn, queue);
        using var producerConn = new Connection(RabbitCluster.FailoverUrl,
            transportOptions: new Dictionary<string, object?> { ["confirm_publish"] = true });
        var policy = new RetryPolicy
        {
            MaxRetries = 30,
            IntervalStart = TimeSpan.FromMilliseconds(200),
            IntervalStep = TimeSpan.FromMilliseconds(500),
            IntervalMax = TimeSpan.FromSeconds(1),
        };
        using var stop = new CancellationTokenSource();
        Task? consuming = null;
        Task? stopping = null;
        try
        {
            var producer = producerConn.CreateProducer(exchange: queue.Exchange);
            producer.Publish(-1L, routingKey: name, declare: [queue]);
            consuming = Task.Factory.StartNew(() => worker.Run(stop.Token), TaskCreationOptions.LongRunning);
            WaitFor(() => worker.Received.ContainsKey(-1), TimeSpan.FromSeconds(30), "the consumer's first message");
            Assert.That((worker.Hosts.Single(), producerConn.Host), Is.EqualTo(("127.0.0.1:5701", "127.0.0.1:5701")),
                "both start on the first URL's node");

            for (var i = 0; i < count; i++)
            {
                if (i == count / 3)
                    stopping = Task.Run(() => RabbitCluster.StopApp(First));
                producer.Publish((long)i, routingKey: name, retry: true, retryPolicy: policy, declare: [queue]);
                Thread.Sleep(10);
            }
            stopping?.Wait(TimeSpan.FromSeconds(90));
            WaitFor(() => Enumerable.Range(0, count).All(i => worker.Received.ContainsKey(i)), TimeSpan.FromSeconds(60),
                "every confirmed message");

            Assert.That(RabbitCluster.IsListening(First), Is.False, "the node stayed down while they moved on");
            Assert.That(producerConn.Host, Is.EqualTo("127.0.0.1:5702"), "the publisher moved to the next node (round-robin)");
            Assert.That(worker.Hosts.Last(), Is.EqualTo("127.0.0.1:5702"), "the consumer moved to the next node (round-robin)");
            var duplicates = worker.Received.Count(pair => pair.Value > 1);
            TestContext.Out.WriteLine($"received {worker.Received.Count - 1} of {count}, {duplicates} redelivered; consumer hosts: {string.Join(" -> ", worker.Hosts)}");

            using var shuffled = new Connection(RabbitCluster.FailoverUrl, failoverStrategy: "shuffle");
            shuffled.EnsureConnection(maxRetries: 10, intervalStart: TimeSpan.FromMilliseconds(100));
            Assert.That(shuffled.Host, Is.Not.EqualTo("127.0.0.1:5701"), "a shuffled failover URL skips the stopped node too");
        }
        finally
        {
            stopping?.Wait(TimeSpan.FromSeconds(90));
            if (!RabbitCluster.IsListening(First))
                RabbitCluster.StartApp(First);
            stop.Cancel();
            consuming?.Wait(TimeSpan.FromSeconds(30));
            Delete(name, 5702);
        }
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            Thread.Sleep(50);
        }
    }
}
