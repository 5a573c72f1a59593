using System.Text;
using Amazon.SQS.Model;
using Kombu.Serialization;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>What the SQS transport puts on the wire, read back with AWSSDK directly.</summary>
[TestFixture]
public sealed class SqsWireTests : SqsTestBase
{

    protected override string NamePrefix => "kw-";

    [Test]
    public void Publish_BodyIsBase64OfEnvelopeJson()
    {
        using var conn = new Connection(SqsBroker.Url);
        conn.CreateSimpleQueue(QueueName + ".a").Put(new Dictionary<string, object?> { ["hello"] = "sqs" });

        var message = Receive(QueueName + "-a");
        var envelope = (IDictionary<string, object?>)KombuJson.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(message.Body)))!;
        Assert.That(envelope["content-type"], Is.EqualTo("application/json"));
        var properties = (IDictionary<string, object?>)envelope["properties"]!;
        Assert.That(properties["body_encoding"], Is.EqualTo("base64"));
        Assert.That(KombuJson.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String((string)envelope["body"]!))), Is.EqualTo(new Dictionary<string, object?> { ["hello"] = "sqs" }));
    }

    [Test]
    public void Ack_DeletesMessage_Requeue_MakesItVisibleAgain()
    {
        using var conn = new Connection(SqsBroker.Url, transportOptions: new Dictionary<string, object?> { ["wait_time_seconds"] = 1 });
        using var queue = conn.CreateSimpleQueue(QueueName);
        queue.Put("one");
        var first = queue.Get(timeout: TimeSpan.FromSeconds(20));
        first.Requeue();
        var again = queue.Get(timeout: TimeSpan.FromSeconds(20));
        Assert.That(again.Payload, Is.EqualTo("one"));
        again.Ack();
        var url = Sqs.GetQueueUrlAsync(QueueName).GetAwaiter().GetResult().QueueUrl;
        var attrs = Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] }).GetAwaiter().GetResult();
        Assert.That(attrs.ApproximateNumberOfMessages + attrs.ApproximateNumberOfMessagesNotVisible, Is.Zero);
    }

    [Test]
    public void Fifo_SendsGroupAndDeduplicationIds()
    {
        using var conn = new Connection(SqsBroker.Url, transportOptions: new Dictionary<string, object?> { ["wait_time_seconds"] = 1 });
        using var queue = conn.CreateSimpleQueue(QueueName + ".fifo");
        queue.Put("a");
        queue.Put("b");
        var a = queue.Get(timeout: TimeSpan.FromSeconds(20));
        a.Ack();
        var b = queue.Get(timeout: TimeSpan.FromSeconds(20));
        b.Ack();
        Assert.That(new[] { a.Payload, b.Payload }, Is.EqualTo(new object[] { "a", "b" }));
    }

    private Amazon.SQS.Model.Message Receive(string sqsName)
    {
        var url = Sqs.GetQueueUrlAsync(sqsName).GetAwaiter().GetResult().QueueUrl;
        var response = Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 2, MessageSystemAttributeNames = ["All"] })
            .GetAwaiter().GetResult();
        Assert.That(response.Messages, Has.Count.EqualTo(1));
        return response.Messages[0];
    }
}
