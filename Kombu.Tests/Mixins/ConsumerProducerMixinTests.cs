using Kombu.Mixins;
using Kombu.Tests.Transports.Amqp;
using Kombu.Transport;

namespace Kombu.Tests.Mixins;

public sealed class ConsumerProducerMixinTests
{
    /// <summary>Answers each request body with "re:body" on the request's reply_to queue, through its own producer.</summary>
    private sealed class Responder(Connection connection, Queue requests, int stopAfter) : ConsumerProducerMixin
    {
        public List<Connection> ProducerConnections { get; } = [];

        public bool Async { get; init; }

        public override Connection Connection => connection;

        public override IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel) =>
            [factory([requests], [OnRequest])];

        private void OnRequest(object? body, Message message)
        {
            var producer = Async ? GetProducerAsync().AsTask().Result : Producer;
            ProducerConnections.Add(ProducerConnection);
            producer.Publish("re:" + body, routingKey: (string)message.Properties["reply_to"]!);
            message.Ack();
            if (ProducerConnections.Count >= stopAfter)
                ShouldStop = true;
        }
    }

    private static List<object?> Replies(Connection connection, Queue replies, int count)
    {
        using var consumer = connection.CreateSimpleQueue(replies, noAck: true);
        return [.. Enumerable.Range(0, count).Select(_ => consumer.Get(timeout: TimeSpan.FromSeconds(10)).Payload)];
    }

    private static void Run(Connection connection, string requestsName, string repliesName, Responder responder, params string[] bodies)
    {
        var requests = new Queue(requestsName, new Exchange(requestsName), requestsName, durable: false, autoDelete: false);
        var replies = new Queue(repliesName, new Exchange(repliesName), repliesName, durable: false, autoDelete: false);
        var producer = connection.CreateProducer();
        foreach (var body in bodies)
            producer.Publish(body, routingKey: requestsName, exchange: requestsName, replyTo: repliesName, declare: [requests, replies]);
        responder.SafetyInterval = TimeSpan.FromMilliseconds(100);
        responder.Run();
    }

    [Test]
    public void Producer_PublishesOnItsOwnConnection_ClosedWhenConsumingEnds()
    {
        using var connection = new Connection("memory://");
        var name = "cpm" + Guid.NewGuid().ToString("N");
        var responder = new Responder(connection, new Queue(name + ".rq", new Exchange(name + ".rq"), name + ".rq"), stopAfter: 2);

        Run(connection, name + ".rq", name + ".rp", responder, "a", "b");

        Assert.That(Replies(connection, new Queue(name + ".rp", new Exchange(name + ".rp"), name + ".rp"), 2), Is.EqualTo(new[] { "re:a", "re:b" }));
        Assert.That(responder.ProducerConnections.Distinct().Count(), Is.EqualTo(1), "one publishing connection while consuming");
        Assert.That(responder.ProducerConnections[0], Is.Not.SameAs(connection));
        Assert.That(responder.ProducerConnections[0].Connected, Is.False, "closed by OnConsumeEnd");
        using var next = responder.ProducerConnection;
        Assert.That(next, Is.Not.SameAs(responder.ProducerConnections[0]));
    }

    [Test]
    public void GetProducerAsync_OnRabbitMq_RepliesThroughASecondConnection()
    {
        AmqpBroker.Require();
        using var connection = new Connection(AmqpBroker.Url);
        var requests = AmqpBroker.UniqueName("rq");
        var replies = AmqpBroker.UniqueName("rp");
        var responder = new Responder(connection, new Queue(requests, new Exchange(requests), requests, durable: false, autoDelete: false),
            stopAfter: 3) { Async = true };

        try
        {
            Run(connection, requests, replies, responder, "1", "2", "3");

            Assert.That(Replies(connection, new Queue(replies, new Exchange(replies), replies, durable: false, autoDelete: false), 3),
                Is.EqualTo(new[] { "re:1", "re:2", "re:3" }));
            Assert.That(responder.ProducerConnections.Distinct().Single().Connected, Is.False);
        }
        finally
        {
            using var channel = connection.CreateChannel();
            new Queue(requests).Bind(channel).Delete();
            new Queue(replies).Bind(channel).Delete();
            new Exchange(requests).Bind(channel).Delete();
            new Exchange(replies).Bind(channel).Delete();
        }
    }
}
