using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Memory;

[Category("Unit")]
public class MemoryChannelDeclareTests : MemoryTestBase
{
    [Test]
    public void QueueDeclare_PassiveMissingQueue_ThrowsNotFound()
    {
        var channel = NewChannel();
        var queue = Unique("missing");

        Assert.That(async () => await channel.QueueDeclareAsync(queue, passive: true),
            Throws.TypeOf<KombuChannelException>().With.Message.EqualTo($"NOT_FOUND - no queue '{queue}' in vhost '/'"));
    }

    [Test]
    public async Task QueueDeclare_PassiveExistingQueue_ReturnsName()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        await channel.QueueDeclareAsync(queue);

        Assert.That((await channel.QueueDeclareAsync(queue, passive: true)).Queue, Is.EqualTo(queue));
    }

    [Test]
    public async Task QueueDeclare_EmptyName_GeneratesAmqGenName()
    {
        var channel = NewChannel();

        Assert.That((await channel.QueueDeclareAsync("")).Queue, Does.Match("^amq\\.gen-[0-9a-f-]{36}$"));
    }

    [Test]
    public async Task QueueDeclare_QueueWithMessages_ReturnsMessageCount()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("1"), "", queue);
        await channel.BasicPublishAsync(Text("2"), "", queue);

        Assert.That((await channel.QueueDeclareAsync(queue)).MessageCount, Is.EqualTo(2));
    }

    [Test]
    public void ExchangeDeclare_PassiveMissingExchange_ThrowsNotFound()
    {
        var channel = NewChannel();
        var exchange = Unique("nx");

        Assert.That(async () => await channel.ExchangeDeclareAsync(exchange, passive: true),
            Throws.TypeOf<KombuChannelException>().With.Message.EqualTo($"NOT_FOUND - no exchange '{exchange}' in vhost '/'"));
    }

    [Test]
    public async Task ExchangeDeclare_RedeclareWithDifferentType_ThrowsPreconditionFailed()
    {
        var channel = NewChannel();
        var exchange = Unique("ex");
        await channel.ExchangeDeclareAsync(exchange, "direct");

        Assert.That(async () => await channel.ExchangeDeclareAsync(exchange, "topic"),
            Throws.TypeOf<KombuChannelException>().With.Message.StartsWith("PRECONDITION_FAILED - "));
    }

    [Test]
    public async Task ExchangeDeclare_RedeclareWithDifferentDurable_ThrowsPreconditionFailed()
    {
        var channel = NewChannel();
        var exchange = Unique("ex");
        await channel.ExchangeDeclareAsync(exchange, "direct", durable: true);

        Assert.That(async () => await channel.ExchangeDeclareAsync(exchange, "direct", durable: false),
            Throws.TypeOf<KombuChannelException>().With.Message.StartsWith("PRECONDITION_FAILED - "));
    }

    [Test]
    public async Task ExchangeDeclare_RedeclareIdentically_DoesNotThrow()
    {
        var channel = NewChannel();
        var exchange = Unique("ex");
        var arguments = new Dictionary<string, object?> { ["alternate-exchange"] = "ae" };
        await channel.ExchangeDeclareAsync(exchange, "topic", true, false, arguments);

        Assert.That(async () => await channel.ExchangeDeclareAsync(exchange, "topic", true, false, new Dictionary<string, object?>(arguments)),
            Throws.Nothing);
    }

    [Test]
    public void ExchangeDeclare_UnknownType_ThrowsChannelException()
    {
        var channel = NewChannel();

        Assert.That(async () => await channel.ExchangeDeclareAsync(Unique("ex"), "x-delayed"), Throws.TypeOf<KombuChannelException>());
    }

    [Test]
    public void QueueBind_UndeclaredExchange_ThrowsNotFound()
    {
        var channel = NewChannel();

        Assert.That(async () => await channel.QueueBindAsync(Unique("q"), Unique("nx"), "k"),
            Throws.TypeOf<KombuChannelException>().With.Message.StartsWith("NOT_FOUND - no exchange"));
    }

    [Test]
    public async Task QueuePurge_QueueWithMessages_ReturnsCountAndEmptiesQueue()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        for (var i = 0; i < 3; i++)
            await channel.BasicPublishAsync(Text("m"), "", queue);

        var purged = await channel.QueuePurgeAsync(queue);

        Assert.That((purged, (await channel.QueueDeclareAsync(queue)).MessageCount), Is.EqualTo((3L, 0L)));
    }

    [Test]
    public async Task QueueDelete_BoundQueue_RemovesQueueAndBindings()
    {
        var channel = (VirtualChannel)NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        await channel.ExchangeDeclareAsync(exchange, "direct");
        await channel.QueueBindAsync(queue, exchange, "k");
        await channel.BasicPublishAsync(Text("m"), exchange, "k");

        var deleted = await channel.QueueDeleteAsync(queue);

        Assert.That((deleted, channel.State.HasBinding(queue, exchange, "k"),
            await ThrowsChannelErrorAsync(async () => await channel.QueueDeclareAsync(queue, passive: true))), Is.EqualTo((1L, false, true)));
    }

    [Test]
    public async Task QueueDelete_IfEmptyWithMessages_KeepsQueue()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("m"), "", queue);

        await channel.QueueDeleteAsync(queue, ifEmpty: true);

        Assert.That((await channel.QueueDeclareAsync(queue, passive: true)).MessageCount, Is.EqualTo(1));
    }

    [Test]
    public async Task QueueDelete_IfUnusedWithConsumer_KeepsQueue()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        await channel.QueueDeclareAsync(queue);
        await channel.BasicConsumeAsync(queue, false, (_, _) => default);

        await channel.QueueDeleteAsync(queue, ifUnused: true);

        Assert.That(async () => await channel.QueueDeclareAsync(queue, passive: true), Throws.Nothing);
    }

    [Test]
    public void ExchangeBind_Any_ThrowsUnsupportedOperation()
    {
        var channel = NewChannel();

        Assert.That(async () => await channel.ExchangeBindAsync("a", "b"), Throws.TypeOf<UnsupportedOperationException>());
    }

    private static async Task<bool> ThrowsChannelErrorAsync(Func<Task> action)
    {
        try
        {
            await action();
            return false;
        }
        catch (KombuChannelException)
        {
            return true;
        }
    }
}
