using Kombu.Tests.Support;
using Kombu.Transport;
using Kombu.Transport.Memory;

namespace Kombu.Tests.Transport.Memory;

[Category("Unit")]
public class MemoryTransportTests : MemoryTestBase
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    private static MessageHandler Collect(List<Message> into) => (message, _) =>
    {
        into.Add(new Message(message));
        return default;
    };

    [Test]
    public async Task DrainEvents_ConsumerWithMessages_DeliversOneMessagePerCall()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("1"), "", queue);
        await channel.BasicPublishAsync(Text("2"), "", queue);
        var received = new List<Message>();
        await channel.BasicConsumeAsync(queue, true, Collect(received));

        await transport.DrainEventsAsync(transport, Safety);

        Assert.That(received.Select(BodyOf), Is.EqualTo(new[] { "1" }));
    }

    [Test]
    public async Task DrainEvents_Delivery_PutsConsumerTagExchangeAndRoutingKeyInDeliveryInfo()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        var (exchange, queue) = (Unique("dx"), Unique("q"));
        await channel.ExchangeDeclareAsync(exchange, "direct");
        await channel.QueueBindAsync(queue, exchange, "rk");
        await channel.BasicPublishAsync(Text("m"), exchange, "rk");
        var received = new List<Message>();
        var tag = await channel.BasicConsumeAsync(queue, false, Collect(received), "ctag");

        await transport.DrainEventsAsync(transport, Safety);

        Assert.That(received[0].DeliveryInfo, Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["exchange"] = exchange, ["routing_key"] = "rk", ["consumer_tag"] = tag,
        }));
    }

    [Test]
    public async Task DrainEvents_NoMessages_ThrowsTimeoutException()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        await channel.BasicConsumeAsync(Unique("q"), true, (_, _) => default);

        Assert.That(async () => await transport.DrainEventsAsync(transport, Short), Throws.TypeOf<TimeoutException>());
    }

    [Test]
    public void DrainEvents_NoConsumers_ThrowsTimeoutException()
    {
        var transport = NewTransport();
        NewChannel(transport);

        Assert.That(async () => await transport.DrainEventsAsync(transport, Short), Throws.TypeOf<TimeoutException>());
    }

    [Test]
    public async Task DrainEventsAsync_Cancelled_ThrowsOperationCanceled()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        await channel.BasicConsumeAsync(Unique("q"), true, (_, _) => default);
        using var cancellation = new CancellationTokenSource();
        var drain = transport.DrainEventsAsync(transport, null, cancellation.Token).AsTask();

        cancellation.Cancel();

        Assert.That(async () => await drain, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task DrainEventsAsync_MessagePublishedWhileWaiting_DeliversIt()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        var queue = Unique("q");
        var received = new List<Message>();
        await channel.BasicConsumeAsync(queue, true, Collect(received));
        var drain = transport.DrainEventsAsync(transport, Safety).AsTask();

        await NewChannel().BasicPublishAsync(Text("late"), "", queue);
        await drain;

        Assert.That(received.Select(BodyOf), Is.EqualTo(new[] { "late" }));
    }

    [Test]
    public async Task DrainEvents_PrefetchReached_StopsDeliveringUntilAck()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        var queue = Unique("q");
        await channel.BasicQosAsync(prefetchCount: 1);
        await channel.BasicPublishAsync(Text("1"), "", queue);
        await channel.BasicPublishAsync(Text("2"), "", queue);
        var received = new List<Message>();
        await channel.BasicConsumeAsync(queue, false, Collect(received));
        await transport.DrainEventsAsync(transport, Safety);

        var blocked = await Assert.ThrowsAsync<TimeoutException>(async () => await transport.DrainEventsAsync(transport, Short));
        received[0].Ack();
        await transport.DrainEventsAsync(transport, Safety);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(blocked, Is.Not.Null);
            Assert.That(received.Select(BodyOf), Is.EqualTo(new[] { "1", "2" }));
        }
    }

    [Test]
    public async Task DrainEvents_TwoConsumedQueues_AlternatesBetweenThem()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        var (q1, q2) = (Unique("q1"), Unique("q2"));
        foreach (var queue in new[] { q1, q1, q2, q2 })
            await channel.BasicPublishAsync(Text(queue), "", queue);
        var received = new List<Message>();
        await channel.BasicConsumeAsync(q1, true, Collect(received));
        await channel.BasicConsumeAsync(q2, true, Collect(received));

        for (var i = 0; i < 4; i++)
            await transport.DrainEventsAsync(transport, Safety);

        Assert.That(received.Select(BodyOf), Is.EqualTo(new[] { q1, q2, q1, q2 }));
    }

    [Test]
    public async Task DrainEvents_TwoChannels_AlternatesBetweenThem()
    {
        var transport = NewTransport();
        var (a, b) = (NewChannel(transport), NewChannel(transport));
        var (qa, qb) = (Unique("qa"), Unique("qb"));
        foreach (var queue in new[] { qa, qa, qb, qb })
            await a.BasicPublishAsync(Text(queue), "", queue);
        var received = new List<Message>();
        await a.BasicConsumeAsync(qa, true, Collect(received));
        await b.BasicConsumeAsync(qb, true, Collect(received));

        for (var i = 0; i < 4; i++)
            await transport.DrainEventsAsync(transport, Safety);

        Assert.That(received.Select(BodyOf), Is.EqualTo(new[] { qa, qb, qa, qb }));
    }

    [Test]
    public async Task BasicCancel_ActiveConsumer_StopsDelivery()
    {
        var transport = NewTransport();
        var channel = NewChannel(transport);
        var queue = Unique("q");
        await channel.BasicPublishAsync(Text("m"), "", queue);
        var tag = await channel.BasicConsumeAsync(queue, true, (_, _) => default);

        await channel.BasicCancelAsync(tag);

        Assert.That(async () => await transport.DrainEventsAsync(transport, Short), Throws.TypeOf<TimeoutException>());
    }

    [Test]
    public async Task TwoTransports_SameQueueName_ShareMessages()
    {
        var queue = Unique("shared");
        await NewChannel(NewTransport()).BasicPublishAsync(Text("across"), "", queue);

        var message = await NewChannel(NewTransport()).GetMessageAsync(queue, noAck: true);

        Assert.That(BodyOf(message), Is.EqualTo("across"));
    }

    [Test]
    public async Task TwoTransports_ExchangeDeclaredOnOne_RoutesOnTheOther()
    {
        var (exchange, queue) = (Unique("tx"), Unique("q"));
        var first = NewChannel(NewTransport());
        await first.ExchangeDeclareAsync(exchange, "topic");
        await first.QueueBindAsync(queue, exchange, "a.#");

        await NewChannel(NewTransport()).BasicPublishAsync(Text("routed"), exchange, "a.b");

        Assert.That(DrainAll(first, queue), Is.EqualTo(new[] { "routed" }));
    }

    [Test]
    public async Task CloseConnection_ChannelWithUnackedMessage_RestoresMessage()
    {
        var transport = NewTransport();
        var queue = Unique("q");
        var channel = NewChannel(transport);
        await channel.BasicPublishAsync(Text("m"), "", queue);
        await channel.GetMessageAsync(queue);

        await transport.CloseConnectionAsync(transport);

        Assert.That(DrainAll(NewChannel(), queue), Is.EqualTo(new[] { "m" }));
    }

    [Test]
    public void Implements_MemoryTransport_ListsFourExchangeTypes()
    {
        var transport = NewTransport();

        Assert.That(transport.Implements.ExchangeTypes, Is.EquivalentTo(new[] { "direct", "topic", "fanout", "headers" }));
    }

    [Test]
    public void DriverType_MemoryTransport_IsMemory()
    {
        var transport = NewTransport();

        Assert.That((transport.DriverType, transport.DriverName, transport.DefaultPort), Is.EqualTo(("memory", "memory", (int?)null)));
    }

    [TestCase(null, 1000)]
    [TestCase("0.25", 250)]
    [TestCase(2, 2000)]
    [TestCase(0.5, 500)]
    public void PollingInterval_Option_IsReadAsSeconds(object? option, int expectedMilliseconds)
    {
        var options = new Dictionary<string, object?>();
        if (option is not null)
            options["polling_interval"] = option;

        var transport = NewTransport(options);

        Assert.That(transport.PollingInterval, Is.EqualTo(TimeSpan.FromMilliseconds(expectedMilliseconds)));
    }

    [Test]
    public void PollingInterval_TimeSpanOption_IsUsedAsIs()
    {
        var transport = NewTransport(new Dictionary<string, object?> { ["polling_interval"] = TimeSpan.FromMilliseconds(20) });

        Assert.That(transport.PollingInterval, Is.EqualTo(TimeSpan.FromMilliseconds(20)));
    }
}
