using Kombu.Tests.Cli;
using Kombu.Transport.Beanstalk;

namespace Kombu.Tests.Transports.Beanstalk;

/// <summary>beanstalk-specific behaviour: priorities, time-to-run, release on requeue and close, URLs and the CLI.</summary>
public sealed class BeanstalkTransportTests
{
    private readonly List<IDisposable> _owned = [];

    [SetUp]
    public void RequireBroker() => BeanstalkBroker.Require();

    [TearDown]
    public void Dispose()
    {
        foreach (var item in _owned)
            item.Dispose();
        _owned.Clear();
    }

    private Connection Connect()
    {
        var connection = new Connection(BeanstalkBroker.Url);
        _owned.Add(connection);
        return connection;
    }

    private static string Unique(string what) => $"bt-{what}-{Guid.NewGuid():N}"[..24];

    private static async Task<Dictionary<string, string>> TubeStatsAsync(string tube)
    {
        using var client = await BeanstalkClient.ConnectAsync(BeanstalkBroker.Host, BeanstalkBroker.Port);
        return new Dictionary<string, string>(await client.StatsTubeAsync(tube));
    }

    [Test]
    public void Publish_Priorities_LowerNumberServedFirst()
    {
        using var conn = Connect();
        var queue = new Queue(Unique("prio"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var producer = conn.CreateProducer();
        foreach (var priority in new[] { 5, 9, 0 })
            producer.Publish(priority, routingKey: queue.Name, priority: priority);

        var order = Enumerable.Range(0, 3).Select(_ => queue.Get(noAck: true)!.Decode()).ToArray();

        Assert.That(order, Is.EqualTo(new object[] { 0L, 5L, 9L }));
    }

    [Test]
    public async Task Publish_TtrProperty_SetsJobTimeToRun()
    {
        using var conn = Connect();
        var name = Unique("ttr");
        conn.CreateProducer().Publish("x", routingKey: name, properties: new Dictionary<string, object?> { ["ttr"] = 7 });
        using var client = await BeanstalkClient.ConnectAsync(BeanstalkBroker.Host, BeanstalkBroker.Port);
        await client.WatchAsync(name);

        var job = (await client.ReserveAsync(TimeSpan.FromSeconds(1)))!;
        var stats = await client.StatsJobAsync(job.Id);
        await client.DeleteAsync(job.Id);

        Assert.That((stats["ttr"], stats["pri"]), Is.EqualTo(("7", "0")));
    }

    [Test]
    public async Task Ack_DeletesJob_AndUnackedStaysReserved()
    {
        using var conn = Connect();
        var queue = new Queue(Unique("ack"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer().Publish("a", routingKey: queue.Name);

        var message = queue.Get()!;
        var reserved = (await TubeStatsAsync(queue.Name))["current-jobs-reserved"];
        message.Ack();

        Assert.That((reserved, (await TubeStatsAsync(queue.Name))["total-jobs"], (await TubeStatsAsync(queue.Name))["current-jobs-reserved"]), Is.EqualTo(("1", "1", "0")));
    }

    [Test]
    public async Task Reject_DeletesJob()
    {
        using var conn = Connect();
        var queue = new Queue(Unique("rej"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer().Publish("no", routingKey: queue.Name);

        queue.Get()!.Reject();

        var stats = await TubeStatsAsync(queue.Name);
        Assert.That((stats["current-jobs-ready"], stats["current-jobs-reserved"], stats["cmd-delete"]), Is.EqualTo(("0", "0", "1")));
        Assert.That(((BeanstalkChannel)conn.DefaultChannel).ReservedCount, Is.Zero);
    }

    [Test]
    public async Task NoAckGet_DeletesJobAtOnce()
    {
        using var conn = Connect();
        var queue = new Queue(Unique("nag"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer().Publish("gone", routingKey: queue.Name);

        var message = queue.Get(noAck: true)!;

        var stats = await TubeStatsAsync(queue.Name);
        Assert.That((message.Decode(), stats["current-jobs-reserved"], stats["cmd-delete"]), Is.EqualTo(("gone", "0", "1")));
    }

    [Test]
    public async Task NoAckConsumer_DeletesEachJobOnDelivery()
    {
        using var conn = Connect();
        var queue = new Queue(Unique("nac"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var producer = conn.CreateProducer();
        producer.Publish("one", routingKey: queue.Name);
        producer.Publish("two", routingKey: queue.Name);
        var bodies = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], noAck: true, callbacks: [(body, _) => bodies.Add(body)]);
        consumer.Consume();

        conn.DrainEvents(TimeSpan.FromSeconds(10));
        conn.DrainEvents(TimeSpan.FromSeconds(10));

        var stats = await TubeStatsAsync(queue.Name);
        Assert.That(bodies, Is.EqualTo(new object[] { "one", "two" }));
        Assert.That((stats["current-jobs-ready"], stats["current-jobs-reserved"], stats["cmd-delete"]), Is.EqualTo(("0", "0", "2")));
    }

    [Test]
    public void ConnectionClose_UnackedJob_IsReleased()
    {
        var name = Unique("cclose");
        using (var first = new Connection(BeanstalkBroker.Url))
        {
            first.CreateProducer().Publish("back", routingKey: name);
            Assert.That(new Queue(name, durable: false).Bind(first.DefaultChannel).Get(), Is.Not.Null);
        }

        using var second = Connect();
        Assert.That(new Queue(name).Bind(second.DefaultChannel).Get(noAck: true)!.Decode(), Is.EqualTo("back"));
    }

    [Test]
    public async Task Requeue_ReleasesSameJob()
    {
        using var conn = Connect();
        var queue = new Queue(Unique("rq"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer().Publish("again", routingKey: queue.Name);

        queue.Get()!.Requeue();
        var second = queue.Get()!;
        second.Ack();

        Assert.That((second.Decode(), (await TubeStatsAsync(queue.Name))["total-jobs"]), Is.EqualTo(("again", "1")));
    }

    [Test]
    public async Task ChannelClose_UnackedJob_IsReleasedForOtherConnections()
    {
        var name = Unique("close");
        using (var first = new Connection(BeanstalkBroker.Url))
        {
            var channel = first.CreateChannel();
            var queue = new Queue(name, durable: false).Bind(channel);
            first.CreateProducer().Publish("keep", routingKey: name);
            Assert.That(queue.Get(), Is.Not.Null);
            await channel.CloseAsync();
            Assert.That((await TubeStatsAsync(name))["current-jobs-ready"], Is.EqualTo("1"));
        }
        using var second = Connect();

        Assert.That(new Queue(name).Bind(second.DefaultChannel).Get(noAck: true)!.Decode(), Is.EqualTo("keep"));
    }

    [Test]
    public void Connection_Url_UsesHostPortAndDefaultPort()
    {
        using var explicitPort = new Connection("beanstalk://127.0.0.1:11300");
        using var defaultPort = new Connection("beanstalk://127.0.0.1");
        var transport = (BeanstalkTransport)explicitPort.Transport;

        Assert.That((transport.Host, transport.Port, ((BeanstalkTransport)defaultPort.Transport).Port), Is.EqualTo(("127.0.0.1", 11300, 11300)));
        Assert.That(transport.Implements.SupportsExchangeType("fanout"), Is.False);
    }

    [Test]
    public void Connect_NoServer_ThrowsConnectionError()
    {
        using var conn = new Connection("beanstalk://127.0.0.1:1");

        Assert.That(() => conn.Connect(), Throws.InstanceOf<Kombu.Exceptions.KombuConnectionException>());
    }

    [Test]
    public void Cli_PublishSizeConsume_WorksWithBeanstalkUrl()
    {
        var name = Unique("cli");
        var published = CliRunner.Run("publish", "--url", BeanstalkBroker.Url, "--exchange", "", "--routing-key", name,
            "--declare-queue", name, """{"a": 1}""");
        var size = CliRunner.Run("size", "--url", BeanstalkBroker.Url, "--queue", name);
        var consumed = CliRunner.Run("consume", "--url", BeanstalkBroker.Url, "--queue", name, "--limit", "1", "--timeout", "5");

        Assert.That((published.ExitCode, size.Stdout.Trim(), consumed.ExitCode), Is.EqualTo((0, "1", 0)), published.Stderr + consumed.Stderr);
        Assert.That(consumed.Stdout, Does.StartWith("""{"body": {"a": 1}"""));
    }
}
