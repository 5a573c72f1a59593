using System.Diagnostics;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Redis;

/// <summary>
/// A stalled link (the fault proxy holds every byte, sockets stay open) while a BRPOP is outstanding (a consumer of two
/// queues) and Redis has already popped a message for it: the reply is never dropped, so the message is delivered or
/// pushed back, never lost; and the one-queue consumer's peek, whose answer leaves the message on its list.
/// </summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class RedisStallTests : ProxiedFaultRedisTestBase
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    // A consumer connected through the proxy draining on another thread, blocked in BRPOP on empty queues, and a message
    // Redis popped for it while the link is stalled: the reply sits in the proxy.
    private (Connection Connection, List<object?> Received, Task Drain) ConsumerWithReplyHeldInTheStalledLink(
        IDictionary<string, object?> options)
    {
        var conn = Connect(Proxy.Port, options);
        // Two queues: the consumer blocks in BRPOP (one queue consumed with acknowledgements peeks instead).
        var queue = new Queue("stall", durable: false).Bind(conn.DefaultChannel);
        var other = new Queue("stall-other", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        other.Declare();
        var received = new List<object?>();
        var consumer = conn.CreateConsumer([queue, other], callbacks: [(body, message) => { received.Add(body); message.Ack(); }]);
        consumer.Consume();
        var drain = Task.Run(() => conn.DrainEvents(TimeSpan.FromSeconds(15)));
        Until.True(() => BlockedIn("brpop") == 1, Deadline, "the consumer's BRPOP to block");
        Proxy.Stall();
        PushMessage("stall", "held");
        Until.True(() => Redis.ListLength(Prefix + "stall") == 0, Deadline, "Redis to pop the message for the blocked BRPOP");
        return (conn, received, drain);
    }

    [Test]
    public void Stall_ResumedWithinTheDriverTimeout_TheHeldReplyIsDelivered()
    {
        var (conn, received, drain) = ConsumerWithReplyHeldInTheStalledLink(new Dictionary<string, object?> { ["polling_interval"] = 5 });
        using var _ = conn;
        var stalled = Stopwatch.StartNew();
        Until.True(() => stalled.Elapsed > TimeSpan.FromSeconds(1) || drain.IsCompleted, Deadline, "a one-second stall");
        Assert.That(drain.IsCompleted, Is.False, "nothing arrives while the link is stalled");

        Proxy.Resume();

        Assert.That(drain.Wait(Deadline), Is.True);
        Assert.That(received, Is.EqualTo(new object?[] { "held" }));
    }

    [Test]
    public void Stall_OneQueueWithAcksPeeking_TheMessageStaysOnItsListAndIsDeliveredOnResume()
    {
        using var conn = Connect(Proxy.Port, new Dictionary<string, object?> { ["polling_interval"] = 5 });
        var queue = new Queue("peek", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var received = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(body, message) => { received.Add(body); message.Ack(); }]);
        consumer.Consume();
        var drain = Task.Run(() => conn.DrainEvents(TimeSpan.FromSeconds(15)));
        Until.True(() => BlockedIn("blmove") == 1, Deadline, "the consumer's BLMOVE peek to block");
        Proxy.Stall();
        PushMessage("peek", "held");
        Until.True(() => BlockedIn("blmove") == 0, Deadline, "Redis to answer the peek");
        var left = Redis.ListLength(Prefix + "peek");

        Proxy.Resume();

        Assert.That(drain.Wait(Deadline), Is.True);
        Assert.That(left, Is.EqualTo(1), "the answered peek left the message on its list");
        Assert.That(received, Is.EqualTo(new object?[] { "held" }));
    }

    [Test]
    public void Stall_DrainDuringTheStall_RaisesAConnectionErrorAndTheNextDrainGetsTheMessage()
    {
        var (conn, received, drain) = ConsumerWithReplyHeldInTheStalledLink(
            new Dictionary<string, object?> { ["polling_interval"] = 2, ["socket_timeout"] = 1 });
        using var _ = conn;

        var error = Assert.Catch(() => drain.Wait(Deadline));
        Proxy.Resume();
        conn.DrainEvents(TimeSpan.FromSeconds(10));

        var cause = error is AggregateException aggregate ? aggregate.InnerException! : error!;
        Assert.That(Kombu.Connection.IsAny(cause, conn.ConnectionErrors), Is.True, cause.ToString());
        Assert.That(received, Is.EqualTo(new object?[] { "held" }));
    }

    [Test]
    public void Stall_ConsumerClosesAfterTheError_TheMessageIsPushedBackWhenTheLinkResumes()
    {
        var (conn, received, drain) = ConsumerWithReplyHeldInTheStalledLink(
            new Dictionary<string, object?> { ["polling_interval"] = 2, ["socket_timeout"] = 1 });
        Assert.Catch(() => drain.Wait(Deadline));

        var clock = Stopwatch.StartNew();
        conn.Dispose();
        var closing = clock.Elapsed;
        Proxy.Resume();

        Until.True(() => Redis.ListLength(Prefix + "stall") == 1, Deadline, "the popped message to be pushed back");
        TestContext.Out.WriteLine($"closed in {closing.TotalSeconds:0.0} s while stalled");
        Assert.That(received, Is.Empty);
        Assert.That(closing, Is.LessThan(TimeSpan.FromSeconds(10)));
    }
}
