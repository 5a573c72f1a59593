using Kombu.Pools;
using Kombu.Simple;

namespace Kombu.Tests.Transports.Conformance;

public abstract partial class TransportConformanceTests
{
    [Test]
    public void SimpleQueue_PutThenGet_RoundTripsAndAcks()
    {
        using var conn = Connect();
        using var queue = conn.CreateSimpleQueue(Name("simple"));

        queue.Put(new Dictionary<string, object?> { ["level"] = "ERROR" });
        var message = queue.Get(block: true, timeout: DeliveryTimeout);
        message.Ack();

        Assert.That(message.Payload, Is.EqualTo(new Dictionary<string, object?> { ["level"] = "ERROR" }));
        Assert.That(() => queue.GetNowait(), Throws.TypeOf<EmptyException>());
    }

    [Test]
    public void SimpleBuffer_PutThenGet_IsTransientAndNeedsNoAck()
    {
        using var conn = Connect();
        using var buffer = conn.CreateSimpleBuffer(Name("buffer"));

        buffer.Put("fleeting");
        var message = buffer.Get(block: true, timeout: DeliveryTimeout);

        Assert.That(message.Payload, Is.EqualTo("fleeting"));
        Assert.That(Convert.ToInt32(message.Properties["delivery_mode"]), Is.EqualTo(1));
    }

    [Test]
    public void ConnectionPool_AcquireReleaseAcquire_ReusesConnection()
    {
        using var conn = Connect();
        var pool = conn.CreatePool(limit: 2);
        Connection first;
        using (first = pool.Acquire())
            Assert.That(first.DefaultChannel.IsOpen, Is.True);

        var second = pool.Acquire();

        Assert.That(second, Is.SameAs(first));
        second.Release();
        pool.ForceCloseAll();
    }

    [Test]
    public void ProducerPool_AcquiredProducer_PublishesToQueue()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("pooled"));
        var connections = conn.CreatePool(limit: 1);
        var producers = new ProducerPool(connections, limit: 1);

        using (var producer = producers.Acquire(block: true))
            producer.Publish("via pool", routingKey: queue.Name);

        Assert.That(GetRequired(queue).Decode(), Is.EqualTo("via pool"));
        Assert.That(connections.InUseCount, Is.Zero);
        connections.ForceCloseAll();
    }

    [Test]
    public void ChannelPool_ReleasedChannel_IsReusedAndWorks()
    {
        using var conn = Connect();
        var pool = conn.CreateChannelPool(limit: 1);
        var queueName = Name("chanpool");
        Kombu.Transport.IChannel first;

        using (var channel = pool.Acquire())
        {
            first = channel;
            new Queue(queueName, durable: false).Bind(channel).Declare();
            new Producer(channel).Publish("pooled channel", routingKey: queueName);
        }
        using var again = pool.Acquire();

        Assert.That(again, Is.SameAs(first));
        Assert.That(GetRequired(new Queue(queueName, durable: false).Bind(again)).Decode(), Is.EqualTo("pooled channel"));
    }
}
