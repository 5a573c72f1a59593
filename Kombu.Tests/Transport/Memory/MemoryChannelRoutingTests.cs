using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Memory;

public class MemoryChannelRoutingTests : MemoryTestBase
{
    [Test]
    public void BasicPublish_AnonymousExchange_DeliversToQueueNamedByRoutingKey()
    {
        var channel = NewChannel();
        var queue = Unique("anon");
        channel.QueueDeclare(queue);

        channel.BasicPublish(Text("hello"), "", queue);

        Assert.That(BodyOf(channel.BasicGet(queue, noAck: true)), Is.EqualTo("hello"));
    }

    [Test]
    public void BasicPublish_DirectExchange_DeliversToQueuesBoundWithKey()
    {
        var channel = NewChannel();
        var (exchange, q1, q2, other) = (Unique("dx"), Unique("q1"), Unique("q2"), Unique("other"));
        channel.ExchangeDeclare(exchange, "direct");
        channel.QueueBind(q1, exchange, "k");
        channel.QueueBind(q2, exchange, "k");
        channel.QueueBind(other, exchange, "other");

        channel.BasicPublish(Text("m"), exchange, "k");

        Assert.That(new[] { DrainAll(channel, q1).Count, DrainAll(channel, q2).Count, DrainAll(channel, other).Count },
            Is.EqualTo(new[] { 1, 1, 0 }));
    }

    [Test]
    public void BasicPublish_TopicExchange_RoutesByKombuPattern()
    {
        var channel = NewChannel();
        var (exchange, star, hash) = (Unique("tx"), Unique("star"), Unique("hash"));
        channel.ExchangeDeclare(exchange, "topic");
        channel.QueueBind(star, exchange, "a.*");
        channel.QueueBind(hash, exchange, "b.#");

        foreach (var key in new[] { "a.b", "a.b.c", "a", "b.x", "c.d" })
            channel.BasicPublish(Text(key), exchange, key);

        Assert.That((DrainAll(channel, star), DrainAll(channel, hash)),
            Is.EqualTo((new List<string> { "a.b", "a.b.c" }, new List<string> { "b.x" })));
    }

    [Test]
    public void BasicPublish_FanoutExchange_DeliversToEveryBoundQueue()
    {
        var channel = NewChannel();
        var (exchange, q1, q2) = (Unique("fx"), Unique("q1"), Unique("q2"));
        channel.ExchangeDeclare(exchange, "fanout");
        channel.QueueBind(q1, exchange, "x");
        channel.QueueBind(q2, exchange, "y");

        channel.BasicPublish(Text("broadcast"), exchange, "whatever");

        Assert.That(DrainAll(channel, q1).Concat(DrainAll(channel, q2)), Is.EqualTo(new[] { "broadcast", "broadcast" }));
    }

    [Test]
    public void BasicPublish_HeadersExchange_RoutesByMessageHeaders()
    {
        var channel = NewChannel();
        var (exchange, pdf, any) = (Unique("hx"), Unique("pdf"), Unique("any"));
        channel.ExchangeDeclare(exchange, "headers");
        channel.QueueBind(pdf, exchange, "", new Dictionary<string, object?> { ["format"] = "pdf", ["type"] = "report" });
        channel.QueueBind(any, exchange, "",
            new Dictionary<string, object?> { ["x-match"] = "any", ["format"] = "pdf", ["type"] = "log" });

        channel.BasicPublish(Text("m", new Dictionary<string, object?> { ["format"] = "pdf" }), exchange, "");

        Assert.That((DrainAll(channel, pdf).Count, DrainAll(channel, any).Count), Is.EqualTo((0, 1)));
    }

    [Test]
    public void BasicPublish_UnroutableWithoutDeadLetter_DropsMessage()
    {
        var channel = NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        channel.ExchangeDeclare(exchange, "direct");
        channel.QueueBind(queue, exchange, "bound");

        channel.BasicPublish(Text("lost"), exchange, "unbound");

        Assert.That(channel.QueueDeclare(queue).MessageCount, Is.Zero);
    }

    [Test]
    public void BasicPublish_UnroutableWithDeadLetterOption_GoesToDeadLetterQueue()
    {
        var deadLetter = Unique("dead");
        var channel = NewChannel(NewTransport(new Dictionary<string, object?> { ["deadletter_queue"] = deadLetter }));
        var exchange = Unique("dx");
        channel.ExchangeDeclare(exchange, "direct");

        channel.BasicPublish(Text("orphan"), exchange, "nobody");

        Assert.That(DrainAll(channel, deadLetter), Is.EqualTo(new[] { "orphan" }));
    }

    [Test]
    public void BasicPublish_UndeclaredExchange_IsTreatedAsDirect()
    {
        var channel = (VirtualChannel)NewChannel();

        Assert.That(channel.TypeOf(Unique("never-declared")), Is.TypeOf<DirectExchange>());
    }

    [Test]
    public void QueueUnbind_BoundQueue_StopsRouting()
    {
        var channel = NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        channel.ExchangeDeclare(exchange, "direct");
        channel.QueueBind(queue, exchange, "k");

        channel.QueueUnbind(queue, exchange, "k");
        channel.BasicPublish(Text("m"), exchange, "k");

        Assert.That(channel.QueueDeclare(queue).MessageCount, Is.Zero);
    }

    [Test]
    public void ExchangeDelete_WithBindings_RemovesBindings()
    {
        var channel = (VirtualChannel)NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        channel.ExchangeDeclare(exchange, "direct");
        channel.QueueBind(queue, exchange, "k");

        channel.ExchangeDelete(exchange);

        Assert.That(channel.State.HasBinding(queue, exchange, "k"), Is.False);
    }

    [Test]
    public void ExchangeDelete_IfUnusedWithBindings_KeepsExchange()
    {
        var channel = (VirtualChannel)NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        channel.ExchangeDeclare(exchange, "direct");
        channel.QueueBind(queue, exchange, "k");

        channel.ExchangeDelete(exchange, ifUnused: true);

        Assert.That(channel.State.Exchanges.ContainsKey(exchange), Is.True);
    }

    [Test]
    public void BasicPublish_UnroutableOnTopicWithDeadLetterOption_DropsMessage()
    {
        var deadLetter = Unique("dead");
        var channel = NewChannel(NewTransport(new Dictionary<string, object?> { ["deadletter_queue"] = deadLetter }));
        var exchange = Unique("tx");
        channel.ExchangeDeclare(exchange, "topic");

        channel.BasicPublish(Text("orphan"), exchange, "nobody");

        Assert.That(DrainAll(channel, deadLetter), Is.Empty);
    }
}
