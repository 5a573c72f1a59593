using Kombu.Common;

namespace Kombu.Tests.Common;

[Category("Unit")]
public sealed class QueueEntriesTests
{
    [Test]
    public void EntryToQueue_NoOptions_UsesQueueAndExchangeDefaults()
    {
        var queue = QueueEntries.EntryToQueue("q");

        Assert.That((queue.Name, queue.RoutingKey, queue.Durable, queue.AutoDelete, queue.Exclusive, queue.Exchange!.Name, queue.Exchange.Type),
            Is.EqualTo(("q", "", true, false, false, "", "direct")));
    }

    [Test]
    public void EntryToQueue_SharedFlags_ApplyToBothEntities()
    {
        var queue = QueueEntries.EntryToQueue("q", new Dictionary<string, object?>
        {
            ["exchange"] = "ex", ["exchange_type"] = "topic", ["routing_key"] = "a.#", ["durable"] = false, ["auto_delete"] = true,
        });

        Assert.That((queue.RoutingKey, queue.Durable, queue.AutoDelete, queue.Exchange!.Name, queue.Exchange.Type, queue.Exchange.Durable, queue.Exchange.AutoDelete),
            Is.EqualTo(("a.#", false, true, "ex", "topic", false, true)));
    }

    [Test]
    public void EntryToQueue_SpecificFlags_WinOverShared()
    {
        var queue = QueueEntries.EntryToQueue("q", new Dictionary<string, object?>
        {
            ["durable"] = true, ["exchange_durable"] = false, ["auto_delete"] = false, ["queue_auto_delete"] = true,
            ["routing_key"] = "rk", ["binding_key"] = "bk",
        });

        Assert.That((queue.Durable, queue.Exchange!.Durable, queue.AutoDelete, queue.Exchange.AutoDelete, queue.RoutingKey),
            Is.EqualTo((true, false, true, false, "bk")));
    }

    [Test]
    public void EntryToQueue_ArgumentsAndLimits_AreCarried()
    {
        var queue = QueueEntries.EntryToQueue("q", new Dictionary<string, object?>
        {
            ["queue_arguments"] = new Dictionary<string, object?> { ["x-queue-mode"] = "lazy" },
            ["consumer_arguments"] = new Dictionary<string, object?> { ["x-priority"] = 5L },
            ["no_ack"] = true, ["exclusive"] = true, ["expires"] = 10L, ["message_ttl"] = 1.5, ["max_priority"] = 9L,
        });

        Assert.That((queue.NoAck, queue.Exclusive, queue.ConsumerArguments!["x-priority"]), Is.EqualTo((true, true, (object?)5L)));
        Assert.That(queue.DeclarationArguments(), Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["x-queue-mode"] = "lazy", ["x-expires"] = 10000L, ["x-message-ttl"] = 1500L, ["x-max-priority"] = 9,
        }));
    }

    [Test]
    public void EntryToQueue_WrongType_Throws() =>
        Assert.That(() => QueueEntries.EntryToQueue("q", new Dictionary<string, object?> { ["durable"] = "yes" }),
            Throws.ArgumentException.With.Message.Contains("durable"));
}
