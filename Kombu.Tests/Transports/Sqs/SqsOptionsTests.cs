using System.Text;
using Amazon.SQS.Model;
using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>SQS transport options and Kombu 5 SQS semantics, checked against fauxqs with AWSSDK directly.</summary>
[TestFixture]
public sealed class SqsOptionsTests : SqsTestBase
{

    protected override string NamePrefix => "ko-";

    [Test]
    public void MessageAttributes_SentAsSqsAttributes_AndRemovedFromEnvelope()
    {
        using var conn = Connect();
        using var producer = conn.CreateProducer();
        var queue = new Queue(QueueName).Bind(conn.DefaultChannel);
        queue.Declare();
        producer.Publish("x", routingKey: QueueName, properties: new Dictionary<string, object?>
        {
            ["message_attributes"] = new Dictionary<string, object?>
            {
                ["colour"] = new Dictionary<string, object?> { ["DataType"] = "String", ["StringValue"] = "blue" },
            },
        });

        var message = Receive(QueueName);
        Assert.That(message.MessageAttributes["colour"].StringValue, Is.EqualTo("blue"));
        var envelope = (IDictionary<string, object?>)KombuJson.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(message.Body)))!;
        Assert.That((IDictionary<string, object?>)envelope["properties"]!, Does.Not.ContainKey("message_attributes"));
    }

    [Test]
    public void Base64EncodingOff_WritesRawJson_AndPrefixIsMangled()
    {
        using var conn = Connect(new() { ["sqs_base64_encoding"] = false, ["queue_name_prefix"] = "dev." });
        conn.CreateSimpleQueue(QueueName).Put("raw");

        var message = Receive("dev-" + QueueName);
        Assert.That(message.Body, Does.StartWith("{\"body\""));
    }

    [Test]
    public void ForeignBody_ArrivesAsUntypedMessage()
    {
        var url = Sqs.CreateQueueAsync(QueueName).GetAwaiter().GetResult().QueueUrl;
        Sqs.SendMessageAsync(url, "plain text").GetAwaiter().GetResult();
        using var conn = Connect();
        using var queue = conn.CreateSimpleQueue(QueueName);

        var message = queue.Get(timeout: TimeSpan.FromSeconds(10));
        Assert.That(message.Body, Is.EqualTo(Encoding.UTF8.GetBytes("plain text")));
        message.Ack();
    }

    [Test]
    public void PredefinedQueues_UseGivenUrl_AndRejectOthers()
    {
        var url = Sqs.CreateQueueAsync(QueueName).GetAwaiter().GetResult().QueueUrl;
        using var conn = Connect(new()
        {
            ["predefined_queues"] = new Dictionary<string, object?> { [QueueName] = new Dictionary<string, object?> { ["url"] = url } },
        });
        using (var queue = conn.CreateSimpleQueue(QueueName))
        {
            queue.Put("p");
            var message = queue.Get(timeout: TimeSpan.FromSeconds(10));
            Assert.That(message.Payload, Is.EqualTo("p"));
            message.Ack();
        }
        Assert.That(() => conn.CreateSimpleQueue(QueueName + "-other").Put("n"), Throws.InstanceOf<KombuChannelException>());
    }

    [Test]
    public void CloseWithUnacked_MakesMessageVisibleAgain()
    {
        using (var conn = Connect())
        {
            using var queue = conn.CreateSimpleQueue(QueueName);
            queue.Put("kept");
            _ = queue.Get(timeout: TimeSpan.FromSeconds(10));
        }
        using var again = Connect();
        using var second = again.CreateSimpleQueue(QueueName);
        var message = second.Get(timeout: TimeSpan.FromSeconds(15));
        Assert.That(message.Payload, Is.EqualTo("kept"));
        message.Ack();
    }

    [Test]
    public void FanoutExchange_RaisesWithReason()
    {
        using var conn = Connect();
        Assert.That(async () => await conn.DefaultChannel.ExchangeDeclareAsync(QueueName, "fanout"),
            Throws.InstanceOf<Kombu.Exceptions.UnsupportedOperationException>().With.Message.Contains("SimpleDB"));
    }

    private static Connection Connect(Dictionary<string, object?>? options = null)
    {
        options ??= [];
        options.TryAdd("wait_time_seconds", 1);
        return new Connection(SqsBroker.Url, transportOptions: options);
    }

    private Amazon.SQS.Model.Message Receive(string sqsName)
    {
        var url = Sqs.GetQueueUrlAsync(sqsName).GetAwaiter().GetResult().QueueUrl;
        var response = Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            WaitTimeSeconds = 2,
            MessageAttributeNames = ["All"],
        }).GetAwaiter().GetResult();
        Assert.That(response.Messages, Has.Count.EqualTo(1));
        return response.Messages[0];
    }
}
