using Kombu.Exceptions;

namespace Kombu.Tests.Transports.Conformance;

public abstract partial class TransportConformanceTests
{
    [Test]
    public void Publish_DirectExchange_ReachesOnlyQueueWithMatchingKey()
    {
        using var conn = Connect();
        var channel = conn.DefaultChannel;
        var exchange = new Exchange(Name("direct"), "direct", durable: false);
        var red = DeclareQueue(channel, Name("red"), exchange, "red");
        var blue = DeclareQueue(channel, Name("blue"), exchange, "blue");

        conn.CreateProducer(exchange: exchange).Publish(new Dictionary<string, object?> { ["color"] = "red" }, routingKey: "red");

        Assert.That(GetRequired(red).Decode(), Is.EqualTo(new Dictionary<string, object?> { ["color"] = "red" }));
        Assert.That(GetWithin(blue, SilenceTimeout), Is.Null);
    }

    [Test]
    public void Publish_DefaultExchange_RoutesByQueueName()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("plain"));

        conn.CreateProducer().Publish("hello", routingKey: queue.Name);

        var message = GetRequired(queue);
        Assert.That(message.Decode(), Is.EqualTo("hello"));
        Assert.That(message.ContentType, Is.EqualTo("text/plain"));
    }

    [Test]
    public void Publish_TopicExchange_RoutesByPattern()
    {
        using var conn = Connect();
        var channel = conn.DefaultChannel;
        var exchange = new Exchange(Name("topic"), "topic", durable: false);
        var usd = DeclareQueue(channel, Name("usd"), exchange, "usd.*");
        var all = DeclareQueue(channel, Name("all"), exchange, "#");
        var producer = conn.CreateProducer(exchange: exchange);

        producer.Publish("stock", routingKey: "usd.stock");
        producer.Publish("other", routingKey: "eur.stock");

        Assert.That(GetRequired(usd).Decode(), Is.EqualTo("stock"));
        Assert.That(GetWithin(usd, SilenceTimeout), Is.Null);
        Assert.That(new[] { GetRequired(all).Decode(), GetRequired(all).Decode() }, Is.EquivalentTo(new[] { "stock", "other" }));
    }

    [Test]
    public void Publish_TopicStarWithDots_FollowsTransportSemantics()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("topic2"), "topic", durable: false);
        var queue = DeclareQueue(conn.DefaultChannel, Name("star"), exchange, "a.*");

        conn.CreateProducer(exchange: exchange).Publish("deep", routingKey: "a.b.c");

        // Kombu's virtual transports let '*' span dots (a.* matches a.b.c); AMQP brokers do not.
        var message = GetWithin(queue, KombuTopicSemantics ? DeliveryTimeout : SilenceTimeout);
        Assert.That(message is not null, Is.EqualTo(KombuTopicSemantics));
    }

    [Test]
    public void Publish_FanoutExchange_ReachesEveryBoundQueue()
    {
        using var conn = Connect();
        var channel = conn.DefaultChannel;
        var exchange = new Exchange(Name("fanout"), "fanout", durable: false);
        if (!SupportsFanout)
        {
            Assert.That(() => DeclareQueue(channel, Name("f1"), exchange), Throws.InstanceOf<KombuException>());
            return;
        }
        var first = DeclareQueue(channel, Name("f1"), exchange);
        var second = DeclareQueue(channel, Name("f2"), exchange);
        using var consumer = conn.CreateConsumer([first, second], noAck: true);
        var received = new List<(string Queue, object? Body)>();
        consumer.RegisterCallback((body, message) => received.Add((message.DeliveryInfo["routing_key"] as string ?? "", body)));
        consumer.Consume();

        conn.CreateProducer(exchange: exchange).Publish("broadcast", routingKey: "");
        DrainUntil(conn, () => received.Count >= 2, DeliveryTimeout);

        Assert.That(received.Select(r => r.Body), Is.EqualTo(new[] { "broadcast", "broadcast" }));
    }

    [Test]
    public void Publish_HeadersExchange_MatchesAllAndAny()
    {
        if (!SupportsHeaders)
            Assert.Fail("Every transport in this project routes headers exchanges; set SupportsHeaders only with a reason.");
        using var conn = Connect();
        var channel = conn.DefaultChannel;
        var exchange = new Exchange(Name("headers"), "headers", durable: false);
        var all = DeclareQueue(channel, Name("hall"), exchange, bindingArguments: new Dictionary<string, object?>
        {
            ["x-match"] = "all", ["format"] = "pdf", ["type"] = "report",
        });
        var any = DeclareQueue(channel, Name("hany"), exchange, bindingArguments: new Dictionary<string, object?>
        {
            ["x-match"] = "any", ["format"] = "zip", ["type"] = "report",
        });
        var producer = conn.CreateProducer(exchange: exchange);

        producer.Publish("both", headers: new Dictionary<string, object?> { ["format"] = "pdf", ["type"] = "report" });
        producer.Publish("format-only", headers: new Dictionary<string, object?> { ["format"] = "pdf" });

        Assert.That(GetRequired(all).Decode(), Is.EqualTo("both"));
        Assert.That(GetWithin(all, SilenceTimeout), Is.Null);
        Assert.That(GetRequired(any).Decode(), Is.EqualTo("both"));
        Assert.That(GetWithin(any, SilenceTimeout), Is.Null);
    }

    [Test]
    public void Publish_Unroutable_IsDroppedSilently()
    {
        using var conn = Connect();
        var channel = conn.DefaultChannel;
        var exchange = new Exchange(Name("nowhere"), "direct", durable: false);
        var queue = DeclareQueue(channel, Name("bound"), exchange, "yes");

        conn.CreateProducer(exchange: exchange).Publish("lost", routingKey: "no");

        Assert.That(GetWithin(queue, SilenceTimeout), Is.Null);
    }

    [Test]
    public void Publish_PriorityQueue_ServesHighestFirstWhereSupported()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn.DefaultChannel, Name("prio"), maxPriority: 9);
        var producer = conn.CreateProducer();
        producer.Publish("low", routingKey: queue.Name, priority: 1);
        producer.Publish("high", routingKey: queue.Name, priority: 8);

        var first = GetRequired(queue, noAck: true).Decode();

        // Kombu's Redis transport serves lower numbers first (priority 1 before 8); see PriorityLowerNumberFirst.
        Assert.That(first, Is.EqualTo(SupportsPriority && !PriorityLowerNumberFirst ? "high" : "low"));
    }

    [Test]
    public void QueueBind_Unbind_StopsRouting()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("unbind"), "direct", durable: false);
        var queue = DeclareQueue(conn.DefaultChannel, Name("ub"), exchange, "k");

        queue.QueueUnbind();
        conn.CreateProducer(exchange: exchange).Publish("x", routingKey: "k");

        Assert.That(GetWithin(queue, SilenceTimeout), Is.Null);
    }
}
