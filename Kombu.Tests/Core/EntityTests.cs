using Kombu.Exceptions;

namespace Kombu.Tests.Core;

[Category("Unit")]
public sealed class EntityTests
{
    [Test]
    public void Exchange_Defaults_MatchKombu()
    {
        var exchange = new Exchange("e");

        Assert.That((exchange.Type, exchange.Durable, exchange.AutoDelete, exchange.DeliveryMode, exchange.IsBound),
            Is.EqualTo(("direct", true, false, (int?)null, false)));
    }

    [TestCase("transient", 1)]
    [TestCase("persistent", 2)]
    [TestCase(1, 1)]
    public void Exchange_DeliveryModeAlias_IsConverted(object alias, int expected) =>
        Assert.That(new Exchange("e", deliveryMode: alias).DeliveryMode, Is.EqualTo(expected));

    [Test]
    public void Exchange_BadDeliveryMode_Throws() =>
        Assert.That(() => new Exchange("e", deliveryMode: "sometimes"), Throws.ArgumentException);

    [Test]
    public void Exchange_Equality_ComparesDeclaration()
    {
        var args = new Dictionary<string, object?> { ["alternate-exchange"] = "ae" };

        Assert.That(new Exchange("e", "topic", arguments: args), Is.EqualTo(new Exchange("e", "topic", arguments: new Dictionary<string, object?>(args))));
        Assert.That(new Exchange("e", "topic"), Is.Not.EqualTo(new Exchange("e", "fanout")));
    }

    [Test]
    public void Exchange_AsDict_UsesKombuKeys() =>
        Assert.That(new Exchange("e", "fanout", autoDelete: true).AsDict()["auto_delete"], Is.EqualTo(true));

    [Test]
    public void Queue_Exclusive_ImpliesAutoDelete() =>
        Assert.That(new Queue("q", exclusive: true).AutoDelete, Is.True);

    [Test]
    public void Queue_NoExchange_UsesDefaultExchange() =>
        Assert.That(new Queue("q").Exchange, Is.EqualTo(new Exchange("")));

    [Test]
    public void Queue_WithBindings_HasNoMainExchange()
    {
        var queue = new Queue("q", bindings: [new Binding(new Exchange("a"), "k1"), new Exchange("b").Binding("k2")]);

        Assert.That(queue.Exchange, Is.Null);
        Assert.That(queue.Bindings, Has.Count.EqualTo(2));
    }

    [Test]
    public void Queue_TypedOptions_BecomeDeclarationArguments()
    {
        var queue = new Queue("q", expires: TimeSpan.FromSeconds(10), messageTtl: TimeSpan.FromSeconds(1.5), maxLength: 5, maxPriority: 9);

        Assert.That(queue.DeclarationArguments(), Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["x-expires"] = 10000L, ["x-message-ttl"] = 1500L, ["x-max-length"] = 5, ["x-max-priority"] = 9,
        }));
        Assert.That(queue.CanCacheDeclaration, Is.False);
    }

    [Test]
    public void Queue_Unbound_OperationThrowsNotBound() =>
        Assert.That(() => new Queue("q").Purge(), Throws.TypeOf<NotBoundException>().With.Message.Contains("purge"));

    [Test]
    public void Queue_Bind_ReturnsBoundCopyAndBindsItsExchange()
    {
        using var conn = new Connection("memory://");
        var queue = new Queue("q", new Exchange("e"));

        var bound = queue.Bind(conn.DefaultChannel);

        Assert.That((queue.IsBound, queue.Exchange!.IsBound), Is.EqualTo((false, false)));
        Assert.That((bound.IsBound, bound.Exchange!.IsBound), Is.EqualTo((true, true)));
        Assert.That(bound, Is.EqualTo(queue));
    }

    [Test]
    public void Queue_MaybeBind_KeepsBoundInstance()
    {
        using var conn = new Connection("memory://");
        var bound = new Queue("q").Bind(conn.DefaultChannel);

        Assert.That(bound.MaybeBind(conn.CreateChannel()), Is.SameAs(bound));
    }

    [Test]
    public void Producer_MaybeDeclare_DeclaresOncePerConnection()
    {
        using var conn = new Connection("memory://");
        var producer = conn.CreateProducer();
        var exchange = new Exchange($"md-{Guid.NewGuid():N}", durable: false);

        Assert.That(producer.MaybeDeclare(exchange), Is.True);
        Assert.That(producer.MaybeDeclare(exchange), Is.False);
    }
}
