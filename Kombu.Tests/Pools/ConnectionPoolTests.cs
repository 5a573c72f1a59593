using Kombu.Exceptions;

namespace Kombu.Tests.Pools;

[Category("Unit")]
public sealed class ConnectionPoolTests
{
    [Test]
    public void Acquire_FromSource_CopiesConnectionParameters()
    {
        using var source = new Connection("memory://", transportOptions: new Dictionary<string, object?> { ["x"] = 1 });
        var pool = source.CreatePool(limit: 2);

        using var conn = pool.Acquire();

        Assert.Multiple(() =>
        {
            Assert.That(conn, Is.Not.SameAs(source));
            Assert.That(conn.AsUri(), Is.EqualTo(source.AsUri()));
            Assert.That(conn.TransportOptions["x"], Is.EqualTo(1));
        });
    }

    [Test]
    public void Dispose_AcquiredConnection_ReturnsItToPoolOpen()
    {
        using var source = new Connection("memory://");
        var pool = source.CreatePool(limit: 2);
        Connection first;
        using (first = pool.Acquire())
            first.Connect();

        var again = pool.Acquire();

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(first));
            Assert.That(again.Connected, Is.True);
        });
    }

    [Test]
    public void Release_AcquiredConnection_ReturnsItToPool()
    {
        using var source = new Connection("memory://");
        var pool = source.CreatePool(limit: 1);
        var conn = pool.Acquire();

        conn.Release();

        Assert.That(pool.IdleCount, Is.EqualTo(1));
    }

    [Test]
    public async Task DisposeAsync_AcquiredConnection_ReturnsItToPool()
    {
        await using var source = new Connection("memory://");
        var pool = source.CreatePool(limit: 1);
        var conn = await pool.AcquireAsync();

        await conn.DisposeAsync();

        Assert.That(await pool.AcquireAsync(), Is.SameAs(conn));
    }

    [Test]
    public void Acquire_Exhausted_ThrowsConnectionLimitExceeded()
    {
        using var source = new Connection("memory://");
        var pool = source.CreatePool(limit: 1);
        pool.Acquire();

        Assert.Throws<ConnectionLimitExceededException>(() => pool.Acquire());
    }

    [Test]
    public void CreatePool_Preload_ConnectsPreloadedConnections()
    {
        using var source = new Connection("memory://");

        var pool = source.CreatePool(limit: 3, preload: 2);

        Assert.Multiple(() =>
        {
            Assert.That(pool.IdleCount, Is.EqualTo(2));
            Assert.That(pool.Acquire().Connected, Is.True);
        });
    }

    [Test]
    public void Release_NoLimit_ClosesConnection()
    {
        using var source = new Connection("memory://");
        var pool = source.CreatePool();
        var conn = pool.Acquire().Connect();

        conn.Release();

        Assert.That(conn.Connected, Is.False);
    }

    [Test]
    public void ForceCloseAll_ConnectionInUse_ClosesIt()
    {
        using var source = new Connection("memory://");
        var pool = source.CreatePool(limit: 2);
        var conn = pool.Acquire().Connect();

        pool.ForceCloseAll();

        Assert.That(conn.Connected, Is.False);
    }

    [Test]
    public void Acquire_PooledConnection_PublishesAndConsumes()
    {
        var name = $"pool-conn-{Guid.NewGuid():N}";
        using var source = new Connection("memory://");
        var pool = source.CreatePool(limit: 1);
        using (var conn = pool.Acquire())
        {
            var queue = new Queue(name, new Exchange(name), name).Bind(conn.DefaultChannel);
            queue.Declare();
            conn.CreateProducer(exchange: queue.Exchange, routingKey: name).Publish("hello");
        }

        using var again = pool.Acquire();
        var message = new Queue(name).Bind(again.DefaultChannel).Get(noAck: true);

        Assert.That(message?.Payload, Is.EqualTo("hello"));
    }
}
