using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Proves fanout over Pub/Sub (wire format §5.5): channel names and subscription patterns.</summary>
[TestFixture]
public sealed class RedisFanoutWireTests : RedisWireTestBase
{
    [TestCase(true, true, "", "{0}/8.{1}")]
    [TestCase(true, true, "rk", "{0}/8.{1}/rk")]
    [TestCase(false, false, "rk", "{0}{1}")]
    public void Publish_Fanout_PublishesOnKombuChannelName(bool fanoutPrefix, bool fanoutPatterns, string routingKey, string expected)
    {
        using var conn = Connect(new Dictionary<string, object?>
        {
            ["fanout_prefix"] = fanoutPrefix,
            ["fanout_patterns"] = fanoutPatterns,
        });
        var exchange = new Exchange(Name("fx"), "fanout", durable: false);
        DeclareQueue(conn, Name("fq"), exchange);
        var seen = new BlockingCollection<string>();
        var subscriber = Redis.Multiplexer.GetSubscriber();
        var pattern = StackExchange.Redis.RedisChannel.Pattern(KeyPrefix + "*");
        subscriber.Subscribe(pattern, (channel, _) => seen.Add(channel!));
        try
        {
            conn.CreateProducer(exchange: exchange).Publish("hi", routingKey: routingKey);

            Assert.That(seen.TryTake(out var name, TimeSpan.FromSeconds(5)), Is.True);
            Assert.That(name, Is.EqualTo(string.Format(expected, KeyPrefix, exchange.Name)));
        }
        finally
        {
            subscriber.Unsubscribe(pattern);
        }
    }

    [Test]
    public void Consume_FanoutQueue_SubscribesWithPatternAndReceivesForeignPublish()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("ev"), "fanout", durable: false);
        var queue = DeclareQueue(conn, Name("evq"), exchange, "worker.#");
        var received = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], noAck: true);
        consumer.RegisterCallback((body, _) => received.Add(body));
        consumer.Consume();
        var envelope = "{\"body\": \"ImJlYXQi\", \"content-encoding\": \"utf-8\", \"content-type\": \"application/json\", \"headers\": {}, \"properties\": {\"delivery_mode\": 2, \"delivery_info\": {\"exchange\": \"" + exchange.Name + "\", \"routing_key\": \"worker.heartbeat\"}, \"priority\": 0, \"body_encoding\": \"base64\", \"delivery_tag\": \"5cc2b3bf-593a-4488-9392-1dd4e8c18858\"}}";

        var receivers = Redis.Multiplexer.GetSubscriber().Publish(
            StackExchange.Redis.RedisChannel.Literal(KeyPrefix + "/8." + exchange.Name + "/worker.heartbeat"), envelope);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (received.Count == 0 && DateTime.UtcNow < deadline)
        {
            try
            {
                conn.DrainEvents(TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
            }
        }

        Assert.That(receivers, Is.EqualTo(1));
        Assert.That(received, Is.EqualTo(new object?[] { "beat" }));
    }
}
