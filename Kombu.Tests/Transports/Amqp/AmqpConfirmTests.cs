using System.Diagnostics;
using Kombu.Exceptions;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>Publisher confirms (<c>confirm_publish</c>): a nacked message and a confirm that does not come in time.</summary>
[TestFixture]
public sealed class AmqpConfirmTests
{
    private static readonly Dictionary<string, object?> Confirms = new() { ["confirm_publish"] = true };

    [Test]
    public void Publish_QueueFullWithRejectPublish_RaisesMessageNackedNamingExchangeAndRoutingKey()
    {
        AmqpBroker.Require();
        using var conn = new Connection(AmqpBroker.Url, transportOptions: Confirms);
        var queue = FullQueue(conn);
        var producer = conn.CreateProducer(routingKey: queue.Name);

        var error = Assert.Throws<MessageNackedException>(() => producer.Publish("refused"));

        Assert.That((error!.Exchange, error.RoutingKey), Is.EqualTo(("", queue.Name)));
        Assert.That(error.Message, Does.Contain($"'{queue.Name}'"));
        queue.Delete();
    }

    [Test]
    public void PublishAsync_NackedWithRetry_IsNotPublishedAgain()
    {
        AmqpBroker.Require();
        using var conn = new Connection(AmqpBroker.Url, transportOptions: Confirms);
        var queue = FullQueue(conn);
        var errbacks = 0;

        Assert.That(async () => await conn.CreateProducer(routingKey: queue.Name).PublishAsync("refused", retry: true,
                retryPolicy: new RetryPolicy { MaxRetries = 3, Errback = (_, _) => errbacks++ }),
            Throws.TypeOf<MessageNackedException>());
        Assert.That(errbacks, Is.Zero);
        queue.Delete();
    }

    [Test]
    public void PublishBatch_QueueFullWithRejectPublish_RaisesMessageNackedAfterTheBatch()
    {
        AmqpBroker.Require();
        using var conn = new Connection(AmqpBroker.Url, transportOptions: Confirms);
        var queue = FullQueue(conn);

        var error = Assert.Throws<MessageNackedException>(() =>
            conn.CreateProducer(routingKey: queue.Name).PublishBatch(["refused 1", "refused 2", "refused 3"]));

        Assert.That((error!.Exchange, error.RoutingKey), Is.EqualTo(("", queue.Name)));
        Assert.That(queue.Get(noAck: true)?.Decode(), Is.EqualTo("fills it"));
        Assert.That(queue.Get(noAck: true), Is.Null);
        queue.Delete();
    }

    [Test]
    public void Publish_ConfirmedInTime_Succeeds()
    {
        AmqpBroker.Require();
        using var conn = new Connection(AmqpBroker.Url, transportOptions: Confirms);
        var queue = new Queue(AmqpBroker.UniqueName("intime"), autoDelete: true, durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        conn.CreateProducer(routingKey: queue.Name).Publish("in time", timeout: TimeSpan.FromSeconds(10));

        Assert.That(queue.Get(noAck: true)?.Decode(), Is.EqualTo("in time"));
    }

    [Test]
    [NonParallelizable]
    [Category("Faults")]
    public async Task PublishAsync_ConfirmStalled_RaisesPublishTimeoutAfterTheTimeout()
    {
        FaultRabbit.Require();
        await using var proxy = FaultProxy.Start("127.0.0.1", FaultRabbit.Port);
        using var conn = new Connection($"amqp://guest:guest@127.0.0.1:{proxy.Port}//", transportOptions: Confirms);
        var producer = conn.CreateProducer(routingKey: AmqpBroker.UniqueName("stalled"));
        await producer.PublishAsync("before the stall");
        proxy.Stall();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<PublishTimeoutException>(async () =>
            await producer.PublishAsync("never confirmed", timeout: TimeSpan.FromSeconds(1)));

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That((error!.RoutingKey, error.Timeout), Is.EqualTo((producer.RoutingKey, TimeSpan.FromSeconds(1))));
        proxy.Resume();
    }

    // A queue that holds one message and refuses more (x-overflow: reject-publish): the broker nacks the next publish.
    private static Queue FullQueue(Connection conn)
    {
        var queue = new Queue(AmqpBroker.UniqueName("full"), durable: false,
            queueArguments: new Dictionary<string, object?> { ["x-max-length"] = 1, ["x-overflow"] = "reject-publish" })
            .Bind(conn.DefaultChannel);
        queue.Declare();
        conn.CreateProducer(routingKey: queue.Name).Publish("fills it");
        return queue;
    }
}
