using Kombu.Exceptions;
using Kombu.Pools;

namespace Kombu.Tests.Pools;

[Category("Unit")]
public sealed class ChannelPoolTests
{
    [Test]
    public void Acquire_UnderLimit_ReturnsOpenPooledChannel()
    {
        using var connection = new Connection("memory://");
        var pool = connection.CreateChannelPool(limit: 2);

        var channel = pool.Acquire();

        Assert.Multiple(() =>
        {
            Assert.That(channel, Is.InstanceOf<PooledChannel>());
            Assert.That(channel.IsOpen, Is.True);
        });
    }

    [Test]
    public void Dispose_AcquiredChannel_ReturnsItToPoolOpen()
    {
        using var connection = new Connection("memory://");
        var pool = connection.CreateChannelPool(limit: 2);
        var channel = pool.Acquire();

        channel.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(pool.Acquire(), Is.SameAs(channel));
            Assert.That(channel.IsOpen, Is.True);
        });
    }

    [Test]
    public void Acquire_Exhausted_ThrowsChannelLimitExceeded()
    {
        using var connection = new Connection("memory://");
        var pool = connection.CreateChannelPool(limit: 1);
        pool.Acquire();

        Assert.Throws<ChannelLimitExceededException>(() => pool.Acquire());
    }

    [Test]
    public async Task Acquire_ReleasedChannelWasClosed_ReturnsNewOpenChannel()
    {
        using var connection = new Connection("memory://");
        var pool = connection.CreateChannelPool(limit: 1);
        var channel = pool.Acquire();
        await channel.CloseAsync();
        ((PooledChannel)channel).Release();

        var next = pool.Acquire();

        Assert.Multiple(() =>
        {
            Assert.That(next, Is.Not.SameAs(channel));
            Assert.That(next.IsOpen, Is.True);
        });
    }

    [Test]
    public void CreateChannelPool_Preload_OpensChannels()
    {
        using var connection = new Connection("memory://");

        var pool = connection.CreateChannelPool(limit: 4, preload: 3);

        Assert.That(pool.IdleCount, Is.EqualTo(3));
    }

    [Test]
    public void Release_NoLimit_ClosesChannel()
    {
        using var connection = new Connection("memory://");
        var pool = connection.CreateChannelPool();
        var channel = pool.Acquire();

        channel.Dispose();

        Assert.That(channel.IsOpen, Is.False);
    }

    [Test]
    public void Acquire_PooledChannel_CarriesQueueOperations()
    {
        var name = $"pool-chan-{Guid.NewGuid():N}";
        using var connection = new Connection("memory://");
        var pool = connection.CreateChannelPool(limit: 1);
        using var channel = pool.Acquire();
        var queue = new Queue(name, new Exchange(name), name, channel: channel);
        queue.Declare();

        new Producer(channel, queue.Exchange, name).Publish(new Dictionary<string, object?> { ["n"] = 1 });
        var message = queue.Get();
        message?.Ack();

        Assert.That(message?.Payload, Is.EqualTo(new Dictionary<string, object?> { ["n"] = 1L }));
    }
}
