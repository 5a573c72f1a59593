using System.Diagnostics;

namespace Kombu.Tests.Transports.Sql;

/// <summary>
/// Rows claimed by a consumer that never settles them (it died) come back after the transport option
/// <c>visibility_timeout</c>; a settled or re-claimed row does not.
/// </summary>
[TestFixture]
[Category("Unit")]
public sealed class SqlVisibilityTimeoutTests
{
    private static readonly Dictionary<string, object?> ShortTimeout = new() { ["visibility_timeout"] = 0.5 };
    private string _url = "";

    [SetUp]
    public void NewDatabase() => _url = SqlDatabases.SqliteUrl(SqlDatabases.NewSqliteFile());

    [Test]
    public void Get_RowClaimedByAConsumerThatNeverSettles_DeliveredAgainAfterTheVisibilityTimeout()
    {
        using var dead = new Connection(_url);
        var deadQueue = Declare(dead, "vt");
        dead.CreateProducer().Publish("payload", routingKey: "vt");
        Assert.That(deadQueue.Get(), Is.Not.Null);
        using var alive = new Connection(_url, transportOptions: ShortTimeout);
        var queue = Declare(alive, "vt");

        var immediately = queue.Get();
        var later = GetWithin(queue, TimeSpan.FromSeconds(5));

        Assert.That(immediately, Is.Null);
        Assert.That(later?.Decode(), Is.EqualTo("payload"));
    }

    [Test]
    public void Get_RowAcknowledged_NotDeliveredAgain()
    {
        using var connection = new Connection(_url, transportOptions: ShortTimeout);
        var queue = Declare(connection, "acked");
        connection.CreateProducer().Publish("once", routingKey: "acked");
        queue.Get()!.Ack();

        Assert.That(GetWithin(queue, TimeSpan.FromSeconds(1.5)), Is.Null);
    }

    [Test]
    public void Close_RowWhoseClaimExpiredAndWasClaimedAgain_NotRestoredUnderTheNewConsumer()
    {
        var first = new Connection(_url);
        Declare(first, "reclaim");
        first.CreateProducer().Publish("x", routingKey: "reclaim");
        Assert.That(Declare(first, "reclaim").Get(), Is.Not.Null);
        using var second = new Connection(_url, transportOptions: ShortTimeout);
        var secondQueue = Declare(second, "reclaim");
        var reclaimed = GetWithin(secondQueue, TimeSpan.FromSeconds(5));
        Assert.That(reclaimed, Is.Not.Null);

        first.Dispose();   // restores its unacknowledged message on close: the row is the second consumer's now
        using var third = new Connection(_url);

        Assert.That(Declare(third, "reclaim").Get(), Is.Null);
    }

    [Test]
    public void Options_VisibilityTimeoutNotPositive_Refused()
    {
        Assert.That(() => Kombu.Transport.Sql.SqlTransportOptions.Parse(new Dictionary<string, object?> { ["visibility_timeout"] = 0 }),
            Throws.ArgumentException.With.Message.Contains("visibility_timeout"));
    }

    private static Queue Declare(Connection connection, string name)
    {
        var queue = new Queue(name, durable: false).Bind(connection.DefaultChannel);
        queue.Declare();
        return queue;
    }

    private static Message? GetWithin(Queue queue, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (queue.Get() is { } message)
                return message;
            Thread.Sleep(50);
        }
        return null;
    }
}
