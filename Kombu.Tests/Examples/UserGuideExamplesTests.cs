using Kombu.Exceptions;

namespace Kombu.Tests.Examples;

/// <summary>The runnable examples of the Kombu 2.2 user guide, on memory://.</summary>
[Category("Unit")]
public sealed class UserGuideExamplesTests
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";

    [Test]
    public void QuickOverview_MediaExchange_VideoQueueReceivesPublishedBody()
    {
        var mediaExchange = new Exchange(Unique("media"), "direct", durable: true);
        var videoQueue = new Queue(Unique("video"), exchange: mediaExchange, routingKey: "video");
        var received = new List<object?>();

        using (var conn = new BrokerConnection("memory://"))
        {
            videoQueue.Bind(conn.CreateChannel()).Declare();
            using (var producer = conn.CreateProducer(exchange: mediaExchange, serializer: "json", routingKey: "video"))
                producer.Publish(new Dictionary<string, object?> { ["name"] = "/tmp/lolcat1.avi", ["size"] = 1301013 });
            using var consumer = conn.CreateConsumer([videoQueue], callbacks: [(body, message) => { received.Add(body); message.Ack(); }]);
            consumer.Consume();
            conn.DrainEvents(TimeSpan.FromSeconds(5));
        }

        Assert.That(received, Is.EqualTo(new object?[] { new Dictionary<string, object?> { ["name"] = "/tmp/lolcat1.avi", ["size"] = 1301013L } }));
    }

    [Test]
    public void QuickOverview_SeveralQueuesOnOneChannel_EachDelivers()
    {
        var mediaExchange = new Exchange(Unique("media"), "direct", durable: true);
        var videoQueue = new Queue(Unique("video"), exchange: mediaExchange, routingKey: "video");
        var imageQueue = new Queue(Unique("image"), exchange: mediaExchange, routingKey: "image");
        var received = new List<string?>();
        using var connection = new Connection("memory://");
        using var consumer = connection.CreateConsumer([videoQueue, imageQueue],
            callbacks: [(_, message) => { received.Add(message.RoutingKey); message.Ack(); }]);
        consumer.Consume();
        var producer = connection.CreateProducer(exchange: mediaExchange);

        producer.Publish("v", routingKey: "video");
        producer.Publish("i", routingKey: "image");
        connection.DrainEvents(TimeSpan.FromSeconds(5));
        connection.DrainEvents(TimeSpan.FromSeconds(5));

        Assert.That(received, Is.EquivalentTo(new[] { "video", "image" }));
    }

    [Test]
    public void QuickOverview_ConsumerOutsideWith_RegisterCallbackConsumeCancel()
    {
        var queue = new Queue(Unique("manual"), durable: false);
        using var connection = new BrokerConnection("memory://");
        var channel = connection.CreateChannel();
        var consumer = new Consumer(channel, [queue]);
        object? got = null;
        consumer.RegisterCallback((body, message) => { got = body; message.Ack(); });
        consumer.Consume();
        var producer = new Producer(channel);

        producer.Publish("hello", routingKey: queue.Name);
        connection.DrainEvents(TimeSpan.FromSeconds(5));
        consumer.Cancel();
        producer.Close();

        Assert.That(got, Is.EqualTo("hello"));
        Assert.That(consumer.ConsumingFrom(queue.Name), Is.False);
    }

    [Test]
    public void Exchange_UnboundDelete_RaisesNotBound_WhileBoundCopyDeletes()
    {
        var exchange = new Exchange(Unique("tasks"), "direct");
        using var connection = new BrokerConnection("memory://");
        var channel = connection.CreateChannel();
        var boundExchange = exchange.Bind(channel);
        boundExchange.Declare();

        boundExchange.Delete();

        Assert.That(exchange.IsBound, Is.False);
        Assert.That(() => exchange.Delete(), Throws.TypeOf<NotBoundException>()
            .With.Message.EqualTo($"Can't call delete on <unbound Exchange {exchange.Name}(direct)> not bound to a channel"));
    }

    [Test]
    public void Exchange_MessageAndPublish_DeliversRawMessage()
    {
        using var connection = new Connection("memory://");
        var channel = connection.CreateChannel();
        var news = new Exchange(Unique("news"), "topic").Bind(channel);
        news.Declare();
        var science = new Queue(Unique("science"), news, "news.science").Bind(channel);
        science.Declare();

        news.Publish(news.CreateMessage("Cure for cancer found!"), routingKey: "news.science");

        Assert.That(science.Get()?.Body, Is.EqualTo("Cure for cancer found!"u8.ToArray()));
    }

    [Test]
    public void Serialization_PerProducerAndPerMessage_SetsContentType()
    {
        using var connection = new Connection("memory://");
        var queue = new Queue(Unique("ser"), durable: false).Bind(connection.DefaultChannel);
        queue.Declare();
        var producer = connection.CreateProducer(serializer: "json");

        producer.Publish(new Dictionary<string, object?> { ["a"] = 1 }, routingKey: queue.Name);
        producer.Publish("raw text", routingKey: queue.Name, serializer: "raw");

        Assert.That(queue.Get()!.ContentType, Is.EqualTo("application/json"));
        Assert.That(queue.Get()!.ContentType, Is.EqualTo("application/data"));
    }

    [Test]
    public void Serialization_RawDataWithContentType_IsSentAsIs()
    {
        using var connection = new Connection("memory://");
        var queue = new Queue(Unique("rawct"), durable: false).Bind(connection.DefaultChannel);
        queue.Declare();

        connection.CreateProducer().Publish("<h1>hi</h1>", routingKey: queue.Name, contentType: "text/html", contentEncoding: "utf-8");
        var message = queue.Get()!;

        Assert.That((message.ContentType, message.ContentEncoding, message.Decode()), Is.EqualTo(("text/html", "utf-8", "<h1>hi</h1>")));
    }
}
