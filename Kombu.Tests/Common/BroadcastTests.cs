using Kombu.Common;

namespace Kombu.Tests.Common;

[Category("Unit")]
public sealed class BroadcastTests
{
    [Test]
    public void Create_Name_BindsUniqueAutoDeleteQueueToFanout()
    {
        var queue = Broadcast.Create("events");

        Assert.That((queue.Exchange!.Name, queue.Exchange.Type, queue.AutoDelete, queue.Alias),
            Is.EqualTo(("events", "fanout", true, "events")));
        Assert.That(queue.Name, Does.StartWith("bcast."));
        Assert.That(Broadcast.Create("events").Name, Is.Not.EqualTo(queue.Name));
    }

    [Test]
    public void Create_UniqueWithQueueName_AppendsUuid() =>
        Assert.That(Broadcast.Create("events", "mine", unique: true).Name, Does.Match(@"^mine\.[0-9a-f-]{36}$"));

    [Test]
    public void Create_QueueName_IsKept() =>
        Assert.That(Broadcast.Create("events", "mine").Name, Is.EqualTo("mine"));

    [Test]
    public void Create_TwoQueues_BothReceiveEachMessage()
    {
        using var conn = new Connection("memory://");
        var exchangeName = "bc" + Guid.NewGuid().ToString("N");
        var a = Broadcast.Create(exchangeName).Bind(conn.DefaultChannel);
        var b = Broadcast.Create(exchangeName).Bind(conn.DefaultChannel);
        a.Declare();
        b.Declare();

        conn.CreateProducer().Publish("hi", exchange: exchangeName);

        Assert.That((a.Get(noAck: true)?.Decode(), b.Get(noAck: true)?.Decode()), Is.EqualTo(((object?)"hi", (object?)"hi")));
    }
}
