using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>The fauxqs SQS emulator the SQS tests use, started by tools/brokers/fauxqs.sh.</summary>
internal static class SqsBroker
{
    public const string Url = "sqs://AKIA:secret@127.0.0.1:4566";

    /// <summary>A raw AWSSDK client on the emulator with the same credentials as <see cref="Url"/>, to read the wire.</summary>
    public static AmazonSQSClient CreateClient() =>
        new(new BasicAWSCredentials("AKIA", "secret"),
            new AmazonSQSConfig { ServiceURL = "http://127.0.0.1:4566", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public static void Require() =>
        BrokerEndpoint.Require("fauxqs (SQS emulator)", "127.0.0.1", 4566, "bash tools/brokers/fauxqs.sh start");

    /// <summary>How many messages of a queue SQS counts as visible and as in flight (received, not deleted).</summary>
    public static (long Visible, long InFlight) Counts(AmazonSQSClient sqs, string sqsName)
    {
        var url = sqs.GetQueueUrlAsync(sqsName).GetAwaiter().GetResult().QueueUrl;
        var attributes = sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] })
            .GetAwaiter().GetResult();
        return (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
    }

    /// <summary>Polls <c>basic_get</c> until a message arrives, failing after 20 seconds.</summary>
    public static Message GetWithin(Queue queue, bool noAck = false)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (queue.Get(noAck: noAck) is { } message)
                return message;
        }
        Assert.Fail($"Nothing arrived on {queue.Name}.");
        return null!;
    }
}
