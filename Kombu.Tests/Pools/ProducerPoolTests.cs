using Kombu.Exceptions;
using Kombu.Pools;

namespace Kombu.Tests.Pools;

[Category("Unit")]
public sealed class ProducerPoolTests
{
    [Test]
    public void Acquire_Producer_PublishesThroughPooledConnection()
    {
        var name = $"pool-prod-{Guid.NewGuid():N}";
        using var source = new Connection("memory://");
        var pool = new ProducerPool(source.CreatePool(limit: 2), limit: 2);
        var queue = new Queue(name, new Exchange(name), name);

        using (var producer = pool.Acquire(block: true))
            producer.Publish("news", exchange: name, routingKey: name, declare: [queue]);

        Assert.That(queue.Bind(source.DefaultChannel).Get(noAck: true)?.Payload, Is.EqualTo("news"));
    }

    [Test]
    public void Release_Lease_ReturnsConnectionToConnectionPool()
    {
        using var source = new Connection("memory://");
        var connections = source.CreatePool(limit: 2);
        var pool = new ProducerPool(connections, limit: 2);
        var lease = pool.Acquire();
        var inUseWhileHeld = connections.InUseCount;

        lease.Release();

        Assert.Multiple(() =>
        {
            Assert.That(inUseWhileHeld, Is.EqualTo(1));
            Assert.That(connections.InUseCount, Is.Zero);
            Assert.That(pool.InUseCount, Is.Zero);
        });
    }

    [Test]
    public void Publish_AfterRelease_ThrowsInvalidOperation()
    {
        using var source = new Connection("memory://");
        var pool = new ProducerPool(source.CreatePool(limit: 1), limit: 1);
        var producer = pool.Acquire();

        producer.Dispose();

        Assert.Throws<InvalidOperationException>(() => producer.Publish("late", routingKey: "nowhere"));
    }

    [Test]
    public void Acquire_AfterRelease_ReusesPooledConnection()
    {
        using var source = new Connection("memory://");
        var pool = new ProducerPool(source.CreatePool(limit: 1), limit: 1);
        Connection first;
        using (var producer = pool.Acquire())
            first = producer.Connection;

        using var again = pool.Acquire();

        Assert.That(again.Connection, Is.SameAs(first));
    }

    [Test]
    public void Acquire_Exhausted_ThrowsLimitExceeded()
    {
        using var source = new Connection("memory://");
        var pool = new ProducerPool(source.CreatePool(limit: 2), limit: 1);
        pool.Acquire();

        Assert.Throws<LimitExceededException>(() => pool.Acquire());
    }

    [Test]
    public async Task AcquireAsync_Producer_HasConnection()
    {
        await using var source = new Connection("memory://");
        var pool = new ProducerPool(source.CreatePool(limit: 1), limit: 1);

        await using var producer = await pool.AcquireAsync(block: true);

        Assert.That(producer.Channel.Transport.Client, Is.SameAs(producer.Connection));
    }
}
