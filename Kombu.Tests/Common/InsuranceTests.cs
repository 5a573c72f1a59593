using Kombu.Common;
using Kombu.Exceptions;
using Kombu.Pools;

namespace Kombu.Tests.Common;

[Category("Unit")]
public sealed class InsuranceTests
{
    [Test]
    public void Insured_RetryError_RetriedOnPooledConnectionAndReturned()
    {
        using var source = new Connection("memory://");
        var pool = source.CreatePool(limit: 1);
        var attempts = 0;

        var result = Insurance.Insured(pool, (connection, channel) =>
        {
            Assert.That(channel.IsOpen, Is.True);
            return ++attempts < 2 ? throw new KombuChannelException("transient") : connection;
        }, new RetryPolicy { MaxRetries = 3, RetryErrors = [typeof(KombuChannelException)] });

        Assert.That(attempts, Is.EqualTo(2));
        Assert.That(result, Is.InstanceOf<Connection>());
        Assert.That(pool.InUseCount, Is.Zero);
    }

    [Test]
    public void IPublish_PublishesAndReturnsProducerToPool()
    {
        var name = $"ipublish-{Guid.NewGuid():N}";
        using var source = new Connection("memory://");
        var queue = new Queue(name, durable: false).Bind(source.DefaultChannel);
        queue.Declare();
        var producers = new ProducerPool(source.CreatePool(limit: 1), limit: 1);

        Insurance.IPublish(producers, producer => producer.Publish("insured", routingKey: name));

        Assert.That(queue.Get(noAck: true)?.Payload, Is.EqualTo("insured"));
        Assert.That(producers.InUseCount, Is.Zero);
    }

    [Test]
    public void Insured_ErrorOutsidePolicy_PropagatesAndReleases()
    {
        using var source = new Connection("memory://");
        var pool = source.CreatePool(limit: 1);

        Assert.That(() => Insurance.Insured<int>(pool, (_, _) => throw new InvalidOperationException("bug")),
            Throws.InvalidOperationException);
        Assert.That(pool.InUseCount, Is.Zero);
    }
}
