using Kombu.Pidbox;
using Kombu.Tests.Pidbox;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>
/// On RabbitMQ the mailbox keeps one reply consumer per channel between calls, so the auto-delete reply queue is not
/// deleted, re-created or re-declared on every call; replies still reach the right call.
/// </summary>
[TestFixture]
public sealed class AmqpPidboxReplyTests
{
    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();

    [Test]
    public void ReplyQueue_OutlivesACall_WithOneConsumer()
    {
        var mailbox = new Mailbox(AmqpBroker.UniqueName("ns"));
        using var runner = NodeRunner.On(AmqpBroker.Url, mailbox, "a@host");
        runner.Nodes[0].Handler("ping", (_, _) => "pong");
        using var conn = new Connection(AmqpBroker.Url);
        var bound = mailbox.Bind(conn);

        var first = bound.Call(["a@host"], "ping", timeout: TimeSpan.FromSeconds(5));

        var declared = bound.ReplyQueue.Bind(conn.DefaultChannel).QueueDeclare(passive: true);
        Assert.That(declared.ConsumerCount, Is.EqualTo(1));
        var second = bound.Call(["a@host"], "ping", timeout: TimeSpan.FromSeconds(5));
        Assert.That(bound.ReplyQueue.Bind(conn.DefaultChannel).QueueDeclare(passive: true).ConsumerCount, Is.EqualTo(1));
        Assert.That(first, Has.Count.EqualTo(1));
        Assert.That(second, Has.Count.EqualTo(1));
    }

    [Test]
    public void ReplyQueueDeletedBetweenCalls_NextCallDeclaresItAgainAndGetsItsReply()
    {
        var mailbox = new Mailbox(AmqpBroker.UniqueName("ns"));
        using var runner = NodeRunner.On(AmqpBroker.Url, mailbox, "a@host");
        runner.Nodes[0].Handler("ping", (_, _) => "pong");
        using var conn = new Connection(AmqpBroker.Url);
        var bound = mailbox.Bind(conn);
        Assert.That(bound.Call(["a@host"], "ping", timeout: TimeSpan.FromSeconds(5)), Has.Count.EqualTo(1));

        // Deleting the (exclusive) queue on another channel makes the broker cancel the kept consumer; the mailbox
        // must not trust it any more.
        using (var other = conn.CreateChannel())
            bound.ReplyQueue.Bind(other).Delete();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (conn.DefaultChannel.NoAckConsumers.Count > 0 && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        Assert.That(conn.DefaultChannel.NoAckConsumers, Is.Empty, "the broker cancelled the reply consumer");

        var replies = bound.Call(["a@host"], "ping", timeout: TimeSpan.FromSeconds(5));

        Assert.That(replies, Has.Count.EqualTo(1));
        Assert.That(bound.ReplyQueue.Bind(conn.DefaultChannel).QueueDeclare(passive: true).ConsumerCount, Is.EqualTo(1));
    }

    [Test]
    public void ConsecutiveCalls_EachGetOnlyTheirOwnReplies()
    {
        var mailbox = new Mailbox(AmqpBroker.UniqueName("ns"));
        using var runner = NodeRunner.On(AmqpBroker.Url, mailbox, "a@host", "b@host");
        var calls = 0;
        foreach (var node in runner.Nodes)
            node.Handler("count", (_, _) => Interlocked.Increment(ref calls));
        using var conn = new Connection(AmqpBroker.Url);
        var bound = mailbox.Bind(conn);

        var replies = Enumerable.Range(0, 5)
            .Select(_ => bound.Call(["a@host", "b@host"], "count", timeout: TimeSpan.FromSeconds(5)))
            .ToList();

        Assert.That(replies.Select(r => r.Count), Is.All.EqualTo(2));
        var numbers = replies.SelectMany(r => r).Cast<IDictionary<string, object?>>()
            .SelectMany(d => d.Values).Select(Convert.ToInt32).Order().ToList();
        Assert.That(numbers, Is.EqualTo(Enumerable.Range(1, 10)), "every reply arrived once, to the call that caused it");
    }
}
