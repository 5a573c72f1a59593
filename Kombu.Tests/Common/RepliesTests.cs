using Kombu.Common;

namespace Kombu.Tests.Common;

[Category("Unit")]
public sealed class RepliesTests
{
    [Test]
    public void SendReply_Request_PublishesToReplyToWithCorrelationId()
    {
        using var conn = new Connection("memory://");
        var requests = new Queue("req" + Guid.NewGuid().ToString("N"));
        var replies = new Queue("rep" + Guid.NewGuid().ToString("N")).Bind(conn.DefaultChannel);
        replies.Declare();
        var producer = conn.CreateProducer();
        producer.Publish(new Dictionary<string, object?> { ["q"] = 1L }, routingKey: requests.Name, declare: [requests],
            replyTo: replies.Name, correlationId: "c-1");
        var request = requests.Bind(conn.DefaultChannel).Get(noAck: true)!;

        Replies.SendReply(new Exchange(""), request, "answer", producer);
        var reply = replies.Get(noAck: true)!;

        Assert.That((reply.Decode(), reply.Properties["correlation_id"], reply.ContentType),
            Is.EqualTo(((object?)"answer", (object?)"c-1", (string?)"application/json")));
    }

    [Test]
    public void CollectReplies_Replies_YieldsBodiesAndDeletesQueue()
    {
        using var conn = new Connection("memory://");
        var queue = new Queue("rep" + Guid.NewGuid().ToString("N"), autoDelete: false);
        var producer = conn.CreateProducer();
        producer.Publish("r1", routingKey: queue.Name, declare: [queue]);
        producer.Publish("r2", routingKey: queue.Name);

        var bodies = Replies.CollectReplies(conn, conn.DefaultChannel, queue, limit: 2, timeout: TimeSpan.FromSeconds(5)).ToList();

        Assert.That(bodies, Is.EqualTo(new object?[] { "r1", "r2" }));
        Assert.That(() => queue.Bind(conn.DefaultChannel).QueueDeclare(passive: true), Throws.Exception);
    }
}
