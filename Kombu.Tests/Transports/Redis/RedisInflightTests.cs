using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Redis;

/// <summary>
/// A recording pop whose reply is lost: Redis ran the pop-and-record script, the fault proxy held its reply and then reset
/// the link. The message is neither lost nor left in <c>unacked</c> for the visibility timeout: the channel's in-flight
/// key names it, and it goes back on its list once Redis answers again.
/// </summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class RedisInflightTests : ProxiedFaultRedisTestBase
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    [TearDown]
    public void Unpause() => Server.Execute("CLIENT", "UNPAUSE");

    [TestCase(1)]
    [TestCase(10)]
    public void LinkReset_ReplyOfARecordingPopLost_TheMessagesGoBackOnTheirListAtOnce(int prefetchCount)
    {
        const int count = 3;
        using var conn = Connect(Proxy.Port);
        var queue = new Queue("inflight", new Exchange("inflight", "direct"), "inflight");
        var producer = conn.CreateProducer(exchange: queue.Exchange);
        for (var i = 0; i < count; i++)
            producer.Publish((long)i, routingKey: "inflight", serializer: "json", declare: [queue]);
        var received = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(body, message) => { received.Add(body); message.Ack(); }],
            accept: ["json"], prefetchCount: prefetchCount);
        consumer.Consume();

        // Redis holds the consumer's script while writes are paused; the link stalls, then the script runs and its
        // reply waits in the proxy, which resets the link.
        Server.Execute("CLIENT", "PAUSE", "10000", "WRITE");
        var drain = Task.Run(() => conn.DrainEvents(TimeSpan.FromSeconds(15)));
        Until.True(() => PausedScripts() == 1, Deadline, "the consumer's pop to wait for the pause");
        Proxy.Stall();
        Server.Execute("CLIENT", "UNPAUSE");
        Until.True(() => Redis.ListLength(Prefix + "inflight") < count, Deadline, "the script to pop");
        var popped = count - Redis.ListLength(Prefix + "inflight");
        Assert.That(Redis.HashLength(Prefix + "unacked"), Is.EqualTo(popped), "the script recorded what it popped");
        Proxy.Reset();
        Proxy.Resume();

        var error = Assert.Catch(() => drain.Wait(Deadline));
        var cause = error is AggregateException aggregate ? aggregate.InnerException! : error!;
        Assert.That(Kombu.Connection.IsAny(cause, conn.ConnectionErrors), Is.True, cause.ToString());
        Until.True(() => Redis.ListLength(Prefix + "inflight") == count && Redis.HashLength(Prefix + "unacked") == 0,
            TimeSpan.FromSeconds(10), "the popped messages back on their list, their records gone");
        Assert.That(received, Is.Empty);
        Assert.That(Server.Keys(0, Prefix + "inflight:*"), Is.Empty, "the in-flight key is deleted once used");

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
            return received.Count == count;
        }, Deadline, "every message delivered after the reconnect");
        TestContext.Out.WriteLine($"prefetch {prefetchCount}: {popped} popped by the lost call, all {count} delivered after the reset");
        Assert.That(received, Is.EqualTo(Enumerable.Range(0, count).Select(i => (object?)(long)i)), "in order, none twice");
    }

    private int PausedScripts() =>
        ((string)Server.Execute("CLIENT", "LIST")!)
            .Split('\n').Count(c => c.Contains("name=kombu.net ", StringComparison.Ordinal)
                && c.Contains("cmd=eval", StringComparison.Ordinal) && c.Contains(" flags=b ", StringComparison.Ordinal));
}
