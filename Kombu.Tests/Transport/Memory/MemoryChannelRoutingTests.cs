using Kombu.Tests.Support;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Memory;

[Category("Unit")]
public class MemoryChannelRoutingTests : MemoryTestBase
{
    [Test]
    public async Task BasicPublish_AnonymousExchange_DeliversToQueueNamedByRoutingKey()
    {
        var channel = NewChannel();
        var queue = Unique("anon");
        await channel.QueueDeclareAsync(queue);

        await channel.BasicPublishAsync(Text("hello"), "", queue);

        Assert.That(BodyOf(await channel.GetMessageAsync(queue, noAck: true)), Is.EqualTo("hello"));
    }

    [Test]
    public async Task BasicPublish_DirectExchange_DeliversToQueuesBoundWithKey()
    {
        var channel = NewChannel();
        var (exchange, q1, q2, other) = (Unique("dx"), Unique("q1"), Unique("q2"), Unique("other"));
        await channel.ExchangeDeclareAsync(exchange, "direct");
        await channel.QueueBindAsync(q1, exchange, "k");
        await channel.QueueBindAsync(q2, exchange, "k");
        await channel.QueueBindAsync(other, exchange, "other");

        await channel.BasicPublishAsync(Text("m"), exchange, "k");

        Assert.That(new[] { DrainAll(channel, q1).Count, DrainAll(channel, q2).Count, DrainAll(channel, other).Count },
            Is.EqualTo(new[] { 1, 1, 0 }));
    }

    [Test]
    public async Task BasicPublish_TopicExchange_RoutesByKombuPattern()
    {
        var channel = NewChannel();
        var (exchange, star, hash) = (Unique("tx"), Unique("star"), Unique("hash"));
        await channel.ExchangeDeclareAsync(exchange, "topic");
        await channel.QueueBindAsync(star, exchange, "a.*");
        await channel.QueueBindAsync(hash, exchange, "b.#");

        foreach (var key in new[] { "a.b", "a.b.c", "a", "b.x", "c.d" })
            await channel.BasicPublishAsync(Text(key), exchange, key);

        Assert.That((DrainAll(channel, star), DrainAll(channel, hash)),
            Is.EqualTo((new List<string> { "a.b", "a.b.c" }, new List<string> { "b.x" })));
    }

    [Test]
    public async Task BasicPublish_FanoutExchange_DeliversToEveryBoundQueue()
    {
        var channel = NewChannel();
        var (exchange, q1, q2) = (Unique("fx"), Unique("q1"), Unique("q2"));
        await channel.ExchangeDeclareAsync(exchange, "fanout");
        await channel.QueueBindAsync(q1, exchange, "x");
        await channel.QueueBindAsync(q2, exchange, "y");

        await channel.BasicPublishAsync(Text("broadcast"), exchange, "whatever");

        Assert.That(DrainAll(channel, q1).Concat(DrainAll(channel, q2)), Is.EqualTo(new[] { "broadcast", "broadcast" }));
    }

    [Test]
    public async Task BasicPublish_HeadersExchange_RoutesByMessageHeaders()
    {
        var channel = NewChannel();
        var (exchange, pdf, any) = (Unique("hx"), Unique("pdf"), Unique("any"));
        await channel.ExchangeDeclareAsync(exchange, "headers");
        await channel.QueueBindAsync(pdf, exchange, "", new Dictionary<string, object?> { ["format"] = "pdf", ["type"] = "report" });
        await channel.QueueBindAsync(any, exchange, "",
            new Dictionary<string, object?> { ["x-match"] = "any", ["format"] = "pdf", ["type"] = "log" });

        await channel.BasicPublishAsync(Text("m", new Dictionary<string, object?> { ["format"] = "pdf" }), exchange, "");

        Assert.That((DrainAll(channel, pdf).Count, DrainAll(channel, any).Count), Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task BasicPublish_UnroutableWithoutDeadLetter_DropsMessage()
    {
        var channel = NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        await channel.ExchangeDeclareAsync(exchange, "direct");
        await channel.QueueBindAsync(queue, exchange, "bound");

        await channel.BasicPublishAsync(Text("lost"), exchange, "unbound");

        Assert.That((await channel.QueueDeclareAsync(queue)).MessageCount, Is.Zero);
    }

    [Test]
    public async Task BasicPublish_UnroutableWithDeadLetterOption_GoesToDeadLetterQueue()
    {
        var deadLetter = Unique("dead");
        var channel = NewChannel(NewTransport(new Dictionary<string, object?> { ["deadletter_queue"] = deadLetter }));
        var exchange = Unique("dx");
        await channel.ExchangeDeclareAsync(exchange, "direct");

        await channel.BasicPublishAsync(Text("orphan"), exchange, "nobody");

        Assert.That(DrainAll(channel, deadLetter), Is.EqualTo(new[] { "orphan" }));
    }

    [Test]
    public void BasicPublish_UndeclaredExchange_IsTreatedAsDirect()
    {
        var channel = (VirtualChannel)NewChannel();

        Assert.That(channel.TypeOf(Unique("never-declared")), Is.TypeOf<DirectExchange>());
    }

    [Test]
    public async Task QueueUnbind_BoundQueue_StopsRouting()
    {
        var channel = NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        await channel.ExchangeDeclareAsync(exchange, "direct");
        await channel.QueueBindAsync(queue, exchange, "k");

        await channel.QueueUnbindAsync(queue, exchange, "k");
        await channel.BasicPublishAsync(Text("m"), exchange, "k");

        Assert.That((await channel.QueueDeclareAsync(queue)).MessageCount, Is.Zero);
    }

    [Test]
    public async Task ExchangeDelete_WithBindings_RemovesBindings()
    {
        var channel = (VirtualChannel)NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        await channel.ExchangeDeclareAsync(exchange, "direct");
        await channel.QueueBindAsync(queue, exchange, "k");

        await channel.ExchangeDeleteAsync(exchange);

        Assert.That(channel.State.HasBinding(queue, exchange, "k"), Is.False);
    }

    [Test]
    public async Task ExchangeDelete_IfUnusedWithBindings_KeepsExchange()
    {
        var channel = (VirtualChannel)NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        await channel.ExchangeDeclareAsync(exchange, "direct");
        await channel.QueueBindAsync(queue, exchange, "k");

        await channel.ExchangeDeleteAsync(exchange, ifUnused: true);

        Assert.That(channel.State.Exchanges.ContainsKey(exchange), Is.True);
    }

    [Test]
    public async Task BasicPublish_UnroutableOnTopicWithDeadLetterOption_DropsMessage()
    {
        var deadLetter = Unique("dead");
        var channel = NewChannel(NewTransport(new Dictionary<string, object?> { ["deadletter_queue"] = deadLetter }));
        var exchange = Unique("tx");
        await channel.ExchangeDeclareAsync(exchange, "topic");

        await channel.BasicPublishAsync(Text("orphan"), exchange, "nobody");

        Assert.That(DrainAll(channel, deadLetter), Is.Empty);
    }
}
