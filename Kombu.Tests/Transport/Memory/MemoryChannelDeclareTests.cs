using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transport.Memory;

public class MemoryChannelDeclareTests : MemoryTestBase
{
    [Test]
    public void QueueDeclare_PassiveMissingQueue_ThrowsNotFound()
    {
        var channel = NewChannel();
        var queue = Unique("missing");

        Assert.That(() => channel.QueueDeclare(queue, passive: true),
            Throws.TypeOf<KombuChannelException>().With.Message.EqualTo($"NOT_FOUND - no queue '{queue}' in vhost '/'"));
    }

    [Test]
    public void QueueDeclare_PassiveExistingQueue_ReturnsName()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        channel.QueueDeclare(queue);

        Assert.That(channel.QueueDeclare(queue, passive: true).Queue, Is.EqualTo(queue));
    }

    [Test]
    public void QueueDeclare_EmptyName_GeneratesAmqGenName()
    {
        var channel = NewChannel();

        Assert.That(channel.QueueDeclare("").Queue, Does.Match("^amq\\.gen-[0-9a-f-]{36}$"));
    }

    [Test]
    public void QueueDeclare_QueueWithMessages_ReturnsMessageCount()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        channel.BasicPublish(Text("1"), "", queue);
        channel.BasicPublish(Text("2"), "", queue);

        Assert.That(channel.QueueDeclare(queue).MessageCount, Is.EqualTo(2));
    }

    [Test]
    public void ExchangeDeclare_PassiveMissingExchange_ThrowsNotFound()
    {
        var channel = NewChannel();
        var exchange = Unique("nx");

        Assert.That(() => channel.ExchangeDeclare(exchange, passive: true),
            Throws.TypeOf<KombuChannelException>().With.Message.EqualTo($"NOT_FOUND - no exchange '{exchange}' in vhost '/'"));
    }

    [Test]
    public void ExchangeDeclare_RedeclareWithDifferentType_ThrowsPreconditionFailed()
    {
        var channel = NewChannel();
        var exchange = Unique("ex");
        channel.ExchangeDeclare(exchange, "direct");

        Assert.That(() => channel.ExchangeDeclare(exchange, "topic"),
            Throws.TypeOf<KombuChannelException>().With.Message.StartsWith("PRECONDITION_FAILED - "));
    }

    [Test]
    public void ExchangeDeclare_RedeclareWithDifferentDurable_ThrowsPreconditionFailed()
    {
        var channel = NewChannel();
        var exchange = Unique("ex");
        channel.ExchangeDeclare(exchange, "direct", durable: true);

        Assert.That(() => channel.ExchangeDeclare(exchange, "direct", durable: false),
            Throws.TypeOf<KombuChannelException>().With.Message.StartsWith("PRECONDITION_FAILED - "));
    }

    [Test]
    public void ExchangeDeclare_RedeclareIdentically_DoesNotThrow()
    {
        var channel = NewChannel();
        var exchange = Unique("ex");
        var arguments = new Dictionary<string, object?> { ["alternate-exchange"] = "ae" };
        channel.ExchangeDeclare(exchange, "topic", true, false, arguments);

        Assert.That(() => channel.ExchangeDeclare(exchange, "topic", true, false, new Dictionary<string, object?>(arguments)),
            Throws.Nothing);
    }

    [Test]
    public void ExchangeDeclare_UnknownType_ThrowsChannelException()
    {
        var channel = NewChannel();

        Assert.That(() => channel.ExchangeDeclare(Unique("ex"), "x-delayed"), Throws.TypeOf<KombuChannelException>());
    }

    [Test]
    public void QueueBind_UndeclaredExchange_ThrowsNotFound()
    {
        var channel = NewChannel();

        Assert.That(() => channel.QueueBind(Unique("q"), Unique("nx"), "k"),
            Throws.TypeOf<KombuChannelException>().With.Message.StartsWith("NOT_FOUND - no exchange"));
    }

    [Test]
    public void QueuePurge_QueueWithMessages_ReturnsCountAndEmptiesQueue()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        for (var i = 0; i < 3; i++)
            channel.BasicPublish(Text("m"), "", queue);

        var purged = channel.QueuePurge(queue);

        Assert.That((purged, channel.QueueDeclare(queue).MessageCount), Is.EqualTo((3L, 0L)));
    }

    [Test]
    public void QueueDelete_BoundQueue_RemovesQueueAndBindings()
    {
        var channel = (VirtualChannel)NewChannel();
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        channel.ExchangeDeclare(exchange, "direct");
        channel.QueueBind(queue, exchange, "k");
        channel.BasicPublish(Text("m"), exchange, "k");

        var deleted = channel.QueueDelete(queue);

        Assert.That((deleted, channel.State.HasBinding(queue, exchange, "k"),
            ThrowsChannelError(() => channel.QueueDeclare(queue, passive: true))), Is.EqualTo((1L, false, true)));
    }

    [Test]
    public void QueueDelete_IfEmptyWithMessages_KeepsQueue()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        channel.BasicPublish(Text("m"), "", queue);

        channel.QueueDelete(queue, ifEmpty: true);

        Assert.That(channel.QueueDeclare(queue, passive: true).MessageCount, Is.EqualTo(1));
    }

    [Test]
    public void QueueDelete_IfUnusedWithConsumer_KeepsQueue()
    {
        var channel = NewChannel();
        var queue = Unique("q");
        channel.QueueDeclare(queue);
        channel.BasicConsume(queue, false, (_, _) => default);

        channel.QueueDelete(queue, ifUnused: true);

        Assert.That(() => channel.QueueDeclare(queue, passive: true), Throws.Nothing);
    }

    [Test]
    public void ExchangeBind_Any_ThrowsUnsupportedOperation()
    {
        var channel = NewChannel();

        Assert.That(() => channel.ExchangeBind("a", "b"), Throws.TypeOf<UnsupportedOperationException>());
    }

    private static bool ThrowsChannelError(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (KombuChannelException)
        {
            return true;
        }
    }
}
