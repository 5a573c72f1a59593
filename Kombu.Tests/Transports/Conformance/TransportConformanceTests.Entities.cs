using Kombu.Exceptions;

namespace Kombu.Tests.Transports.Conformance;

public abstract partial class TransportConformanceTests
{
    [Test]
    public void QueueDeclare_Passive_MissingQueueThrowsChannelError()
    {
        using var conn = Connect();
        var channel = conn.CreateChannel();

        Assert.That(() => new Queue(Name("missing")).Bind(channel).QueueDeclare(passive: true),
            Throws.InstanceOf<KombuChannelException>());
    }

    [Test]
    public void QueueDeclare_Passive_ReportsMessageCount()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("count"));
        conn.CreateProducer().Publish("x", routingKey: queue.Name);
        WaitForCount(queue, 1);

        Assert.That(queue.QueueDeclare(passive: true).MessageCount, Is.EqualTo(1));
    }

    [Test]
    public void QueueDeclare_EmptyName_GetsGeneratedName()
    {
        using var conn = Connect();
        var queue = new Queue("", durable: false, exclusive: true).Bind(conn.DefaultChannel);

        var name = queue.Declare();

        Assert.That(name, Is.Not.Empty);
        Assert.That(queue.Name, Is.EqualTo(name));
    }

    [Test]
    public void QueueDelete_RemovesQueue()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("del"));

        queue.Delete();

        Assert.That(() => queue.Bind(conn.CreateChannel()).QueueDeclare(passive: true), Throws.InstanceOf<KombuChannelException>());
    }

    [Test]
    public void ExchangeDeclare_Passive_MissingExchangeThrowsChannelError()
    {
        using var conn = Connect();

        Assert.That(() => new Exchange(Name("noex"), passive: true).Bind(conn.CreateChannel()).Declare(),
            Throws.InstanceOf<KombuChannelException>());
    }

    [Test]
    public void ExchangeDelete_ThenPassiveDeclare_Throws()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("exdel"), durable: false).Bind(conn.DefaultChannel);
        exchange.Declare();

        exchange.Delete();

        Assert.That(() => exchange.Bind(conn.CreateChannel()).Declare(passive: true), Throws.InstanceOf<KombuChannelException>());
    }

    [Test]
    public void Publish_WithRetryAndDeclare_DeclaresAndDelivers()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("retry"), durable: false);
        var queue = new Queue(Name("retryq"), exchange, "k", durable: false);

        conn.CreateProducer(exchange: exchange).Publish("x", routingKey: "k", retry: true,
            retryPolicy: new RetryPolicy { MaxRetries = 2 }, declare: [queue]);

        Assert.That(GetRequired(queue.Bind(conn.DefaultChannel)).Decode(), Is.EqualTo("x"));
    }
}
