using Amazon.SQS;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>Tests on fauxqs that read the wire with a raw AWSSDK client: one client and one fresh queue name per test.</summary>
public abstract class SqsTestBase
{
    /// <summary>The raw client, with the credentials of <see cref="SqsBroker.Url"/>.</summary>
    protected AmazonSQSClient Sqs { get; private set; } = null!;

    /// <summary>A queue name no other test uses (no characters that Kombu's name mangling changes).</summary>
    protected string QueueName { get; private set; } = "";

    /// <summary>The first characters of <see cref="QueueName"/>, telling the fixtures apart on the server.</summary>
    protected abstract string NamePrefix { get; }

    [SetUp]
    public void CreateClientAndQueueName()
    {
        SqsBroker.Require();
        Sqs = SqsBroker.CreateClient();
        QueueName = NamePrefix + Guid.NewGuid().ToString("N")[..10];
    }

    [TearDown]
    public void DisposeClient() => Sqs.Dispose();
}
