using System.Text;
using Kombu.Transport.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Proves the key layout of wire format §5.1–5.4 and §5.7 by reading Redis directly.</summary>
[TestFixture]
public sealed class RedisLayoutWireTests : RedisWireTestBase
{
    [Test]
    public void Publish_DirectExchange_WritesBindingMemberAndLpushesEnvelope()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("ex"), "direct", durable: false);
        var queue = DeclareQueue(conn, Name("q"), exchange, "rk");

        conn.CreateProducer(exchange: exchange).Publish(new Dictionary<string, object?> { ["hello"] = "world" }, routingKey: "rk",
            headers: new Dictionary<string, object?> { ["x-custom"] = "hdr" }, correlationId: "corr-1");

        var members = Redis.SetMembers(KeyPrefix + "_kombu.binding." + exchange.Name).Select(m => (string)m!).ToArray();
        Assert.That(members, Is.EqualTo(new[] { "rk" + Sep + Sep + queue.Name }));
        var items = ListItems(queue.Name);
        Assert.That(items, Has.Length.EqualTo(1));
        var envelope = Json(items[0]);
        Assert.That(envelope.Keys, Is.EquivalentTo(new[] { "body", "content-encoding", "content-type", "headers", "properties" }));
        Assert.That(Json(Encoding.UTF8.GetString(Convert.FromBase64String((string)envelope["body"]!)))["hello"], Is.EqualTo("world"));
        Assert.That(Map(envelope["headers"])["x-custom"], Is.EqualTo("hdr"));
        var properties = Map(envelope["properties"]);
        Assert.That(properties["correlation_id"], Is.EqualTo("corr-1"));
        Assert.That(properties["body_encoding"], Is.EqualTo("base64"));
        Assert.That(properties["priority"], Is.EqualTo(0L));
        Assert.That(Map(properties["delivery_info"]), Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["exchange"] = exchange.Name,
            ["routing_key"] = "rk",
        }));
        Assert.That(Guid.TryParse((string)properties["delivery_tag"]!, out _), Is.True);
    }

    [Test]
    public void Publish_Priorities_GoToStepKeysWithSeparator()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("prio"));
        var producer = conn.CreateProducer();

        foreach (var priority in new[] { 0, 2, 3, 5, 6, 8, 9, 12 })
            producer.Publish(priority, routingKey: queue.Name, priority: priority);

        Assert.That(ListItems(queue.Name), Has.Length.EqualTo(2));
        Assert.That(ListItems(queue.Name + Sep + "3"), Has.Length.EqualTo(2));
        Assert.That(ListItems(queue.Name + Sep + "6"), Has.Length.EqualTo(2));
        Assert.That(ListItems(queue.Name + Sep + "9"), Has.Length.EqualTo(2));
    }

    [Test]
    public void Get_Priorities_ServesLowerNumberFirstLikeKombu()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("order"));
        var producer = conn.CreateProducer();
        producer.Publish("nine", routingKey: queue.Name, priority: 9);
        producer.Publish("five", routingKey: queue.Name, priority: 5);
        producer.Publish("zero", routingKey: queue.Name, priority: 0);

        var order = Enumerable.Range(0, 3).Select(_ => queue.Get(noAck: true)!.Decode()).ToArray();

        Assert.That(order, Is.EqualTo(new[] { "zero", "five", "nine" }));
    }

    [Test]
    public void Get_CustomPrioritySteps_UsesTheirSuffixes()
    {
        using var conn = Connect(new Dictionary<string, object?> { ["priority_steps"] = new[] { 0, 4, 8 } });
        var queue = DeclareQueue(conn, Name("steps"));

        conn.CreateProducer().Publish("p5", routingKey: queue.Name, priority: 5);

        Assert.That(ListItems(queue.Name + Sep + "4"), Has.Length.EqualTo(1));
    }

    [Test]
    public void QueueBind_Topic_StoresKombuRegexInMember()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("tx"), "topic", durable: false);

        var queue = DeclareQueue(conn, Name("tq"), exchange, "a.*.#");

        var members = Redis.SetMembers(KeyPrefix + "_kombu.binding." + exchange.Name).Select(m => (string)m!).ToArray();
        Assert.That(members, Is.EqualTo(new[] { "a.*.#" + Sep + @"^a\..*?[^\.]\..*?$" + Sep + queue.Name }));
    }

    [Test]
    public void QueueDelete_RemovesMemberAndEveryPriorityList()
    {
        using var conn = Connect();
        var exchange = new Exchange(Name("dx"), "direct", durable: false);
        var queue = DeclareQueue(conn, Name("dq"), exchange, "k");
        conn.CreateProducer(exchange: exchange).Publish("a", routingKey: "k", priority: 7);

        queue.Delete();

        Assert.That(Redis.SetLength(KeyPrefix + "_kombu.binding." + exchange.Name), Is.Zero);
        Assert.That(Redis.KeyExists(KeyPrefix + queue.Name + Sep + "6"), Is.False);
    }

    [Test]
    public void Consume_PythonCapturedEnvelope_DecodesBodyAndHeaders()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("py"));
        var captured = "{\"body\": \"eyJoZWxsbyI6ICJ3b3JsZCIsICJuIjogMX0=\", \"content-encoding\": \"utf-8\", \"content-type\": \"application/json\", \"headers\": {\"x-custom\": \"hdr\"}, \"properties\": {\"message_id\": \"11111111-1111-1111-1111-111111111111\", \"correlation_id\": \"corr-1\", \"reply_to\": \"reply.q\", \"delivery_mode\": 2, \"delivery_info\": {\"exchange\": \"dump_ex\", \"routing_key\": \"dump_key\"}, \"priority\": 0, \"body_encoding\": \"base64\", \"delivery_tag\": \"185fb112-dd4c-4c58-b262-025d4accbec7\"}}";
        Redis.ListLeftPush(KeyPrefix + queue.Name, captured);

        var message = queue.Get(noAck: true)!;

        Assert.That(message.Decode(), Is.EqualTo(new Dictionary<string, object?> { ["hello"] = "world", ["n"] = 1L }));
        Assert.That(message.Headers["x-custom"], Is.EqualTo("hdr"));
        Assert.That(message.DeliveryTag.ToString(), Is.EqualTo("185fb112-dd4c-4c58-b262-025d4accbec7"));
    }

    [Test]
    public void Connection_DatabaseFromVirtualHost_WritesToThatDatabase()
    {
        using var conn = Connect();
        var queue = DeclareQueue(conn, Name("db"));

        conn.CreateProducer().Publish("x", routingKey: queue.Name);

        Assert.That(((RedisTransport)conn.Transport).Database, Is.EqualTo(Db));
        Assert.That(Redis.ListLength(KeyPrefix + queue.Name), Is.EqualTo(1));
        Assert.That(RedisTestServer.Database(0).KeyExists(KeyPrefix + queue.Name), Is.False);
    }

    [Test]
    public void Connection_NonNumericVirtualHost_Throws()
    {
        using var conn = new Connection("redis://127.0.0.1:6379/notadb");

        Assert.That(() => conn.Transport, Throws.InstanceOf<Exception>());
    }
}
