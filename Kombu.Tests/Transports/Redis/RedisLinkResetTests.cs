using System.Diagnostics;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Redis;

/// <summary>
/// The link to Redis reset (the fault proxy sends a TCP RST) under an idle consumer: the next drain waits for the driver
/// to reconnect rather than failing, and a consumer of one queue with acknowledgements, whose wait is a non-destructive
/// <c>BLMOVE</c>, loses nothing even when the reply of its wait is lost with the link.
/// </summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class RedisLinkResetTests : ProxiedFaultRedisTestBase
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Test]
    public void Drain_RightAfterALinkReset_WaitsForTheReconnectAndDelivers()
    {
        using var conn = Connect(Proxy.Port);
        var received = Consume(conn, "reset");
        Proxy.RefuseNew(true);
        Proxy.Reset();
        Until.True(() => !conn.Connected, Deadline, "the driver to notice the reset");
        Proxy.RefuseNew(false);
        PushMessage("reset", "after");

        var clock = Stopwatch.StartNew();
        conn.DrainEvents(TimeSpan.FromSeconds(10));

        TestContext.Out.WriteLine($"delivered {clock.Elapsed.TotalSeconds:0.00} s after the drain began, the driver reconnecting");
        Assert.That(received, Is.EqualTo(new object?[] { "after" }));
    }

    [Test]
    public void LinkReset_IdleConsumerWithAcksWhoseWaitWasAnswered_TheMessageIsDeliveredOnce()
    {
        using var conn = Connect(Proxy.Port, new Dictionary<string, object?> { ["polling_interval"] = 5 });
        var received = Consume(conn, "idle");
        var drain = Task.Run(() => conn.DrainEvents(TimeSpan.FromSeconds(15)));
        Until.True(() => BlockedIn("blmove") + BlockedIn("brpop") == 1, Deadline, "the consumer's wait to block");
        Proxy.Stall();
        PushMessage("idle", "held");
        // Redis answered the wait; the answer sits in the stalled proxy until the link is reset.
        Until.True(() => BlockedIn("blmove") + BlockedIn("brpop") == 0, Deadline, "Redis to answer the blocked wait");
        var left = Redis.ListLength(Prefix + "idle");
        Proxy.Reset();
        Proxy.Resume();

        var error = Assert.Catch(() => drain.Wait(Deadline));
        var cause = error is AggregateException aggregate ? aggregate.InnerException! : error!;
        Assert.That(Kombu.Connection.IsAny(cause, conn.ConnectionErrors), Is.True, cause.ToString());
        Until.True(() =>
        {
            try
            {
                conn.DrainEvents(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                // Nothing this second: look again.
            }
            return received.Count > 0;
        }, Deadline, "the message delivered after the reconnect");
        Until.True(() => Redis.HashLength(Prefix + "unacked") == 0, Deadline, "the ack applied");

        TestContext.Out.WriteLine($"{left} message(s) left on the list by the answered wait, {received.Count} delivered");
        Assert.That(left, Is.EqualTo(1), "the wait left the message on its list");
        Assert.That(received, Is.EqualTo(new object?[] { "held" }));
        Assert.That(Redis.ListLength(Prefix + "idle"), Is.Zero);
    }

    // A consumer with acknowledgements of one queue; what it receives.
    private static List<object?> Consume(Connection conn, string name)
    {
        var queue = new Queue(name, durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var received = new List<object?>();
        conn.CreateConsumer([queue], callbacks: [(body, message) => { received.Add(body); message.Ack(); }]).Consume();
        return received;
    }
}
