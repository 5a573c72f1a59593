using Amazon.Runtime;
using Amazon.SQS.Model;
using Kombu.Tests.Support;
using Kombu.Transport.Sqs;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>
/// Kombu 5's SQS client options on fauxqs: queue_tags, client-config, a predefined queue's session_token and region,
/// sts_role_arn (STS answered by moto, tools/brokers/moto-sts.sh: fauxqs has no AssumeRole), predefined FIFO queues.
/// </summary>
[TestFixture]
public sealed class SqsClientOptionsTests : SqsTestBase
{
    private const string StsUrl = "http://127.0.0.1:4568";

    protected override string NamePrefix => "kc-";

    private static Dictionary<string, object?> Options(params (string Key, object? Value)[] options)
    {
        var result = new Dictionary<string, object?> { ["wait_time_seconds"] = 1 };
        foreach (var (key, value) in options)
            result[key] = value;
        return result;
    }

    private Dictionary<string, object?> Predefined(string name, string url, params (string Key, object? Value)[] settings)
    {
        var queue = new Dictionary<string, object?> { ["url"] = url };
        foreach (var (key, value) in settings)
            queue[key] = value;
        return new Dictionary<string, object?> { [name] = queue };
    }

    private static object? RoundTrip(Connection conn, string name)
    {
        using var queue = conn.CreateSimpleQueue(name);
        queue.Put("hello " + name);
        var message = queue.Get(timeout: TimeSpan.FromSeconds(20));
        message.Ack();
        return message.Payload;
    }

    [Test]
    public void QueueTags_CreatedQueueCarriesThem()
    {
        using var conn = new Connection(SqsBroker.Url, transportOptions: Options(
            ("queue_tags", new Dictionary<string, object?> { ["Environment"] = "test", ["Team"] = "kombu" })));

        Assert.That(RoundTrip(conn, QueueName), Is.EqualTo("hello " + QueueName));

        var url = Sqs.GetQueueUrlAsync(QueueName).GetAwaiter().GetResult().QueueUrl;
        var tags = Sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url }).GetAwaiter().GetResult().Tags;
        Assert.That(tags, Is.EquivalentTo(new Dictionary<string, string> { ["Environment"] = "test", ["Team"] = "kombu" }));
    }

    [Test]
    public void ClientConfig_RetriesAndTimeouts_ReachTheClient()
    {
        using var conn = new Connection(SqsBroker.Url, transportOptions: Options(("client-config", new Dictionary<string, object?>
        {
            ["connect_timeout"] = 2,
            ["read_timeout"] = 30.5,
            ["retries"] = new Dictionary<string, object?> { ["max_attempts"] = 7, ["mode"] = "adaptive" },
            ["max_pool_connections"] = 4,
        })));
        var config = ((SqsTransport)conn.Transport).Sqs.Config;

        Assert.That((config.ConnectTimeout, config.Timeout, config.MaxErrorRetry, config.RetryMode),
            Is.EqualTo(((TimeSpan?)TimeSpan.FromSeconds(2), (TimeSpan?)TimeSpan.FromSeconds(30.5), 7, RequestRetryMode.Adaptive)));
        Assert.That(RoundTrip(conn, QueueName), Is.EqualTo("hello " + QueueName));
    }

    [TestCase("signature_version", "s3v4")]
    [TestCase("retries", "many")]
    [TestCase("connect_timeout", "soon")]
    public void ClientConfig_UnsupportedKeyOrValue_IsRefused(string key, object value) =>
        Assert.That(() => SqsTransportOptions.Parse(Options(("client-config", new Dictionary<string, object?> { [key] = value }))),
            Throws.ArgumentException.With.Message.Contains(key));

    [Test]
    public void PredefinedQueue_SessionToken_SignsEveryRequestOfThatQueue()
    {
        var url = Sqs.CreateQueueAsync(QueueName).GetAwaiter().GetResult().QueueUrl;
        using var proxy = new RecordingProxy(4566);
        using var conn = new Connection($"sqs://AKIA:secret@127.0.0.1:{proxy.Port}", transportOptions: Options(
            ("predefined_queues", Predefined(QueueName, url, ("access_key_id", "ASIATEMP"), ("secret_access_key", "tempsecret"),
                ("session_token", "okta-session-token")))));

        Assert.That(RoundTrip(conn, QueueName), Is.EqualTo("hello " + QueueName));
        Assert.That(proxy.Requests, Does.Contain("Credential=ASIATEMP/"));
        Assert.That(proxy.Requests, Does.Contain("okta-session-token"), "X-Amz-Security-Token on the queue's requests");
        Assert.That(proxy.Requests, Does.Not.Contain("Credential=AKIA/"));
    }

    [Test]
    public void StsRoleArn_PredefinedQueues_ReachedWithTheAssumedRolesToken()
    {
        BrokerEndpoint.Require("moto (STS stand-in)", "127.0.0.1", 4568, "bash tools/brokers/moto-sts.sh start");
        var url = Sqs.CreateQueueAsync(QueueName).GetAwaiter().GetResult().QueueUrl;
        var fifoUrl = Sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = QueueName + ".fifo",
            Attributes = new Dictionary<string, string> { ["FifoQueue"] = "true" },
        }).GetAwaiter().GetResult().QueueUrl;
        using var proxy = new RecordingProxy(4566);
        var predefined = Predefined(QueueName, url);
        predefined[QueueName + ".fifo"] = new Dictionary<string, object?> { ["url"] = fifoUrl };
        using var conn = new Connection($"sqs://AKIA:secret@127.0.0.1:{proxy.Port}", transportOptions: Options(
            ("predefined_queues", predefined), ("sts_role_arn", "arn:aws:iam::123456789012:role/KombuTest"),
            ("sts_token_timeout", 900), ("sts_endpoint_url", StsUrl)));

        Assert.That(RoundTrip(conn, QueueName), Is.EqualTo("hello " + QueueName));
        Assert.That(RoundTrip(conn, QueueName + ".fifo"), Is.EqualTo("hello " + QueueName + ".fifo"));

        // moto hands out temporary keys (ASIA…) with a session token; the connection's own key signs nothing.
        Assert.That(proxy.Requests, Does.Match("Credential=ASIA[A-Z0-9]+/"));
        Assert.That(proxy.Requests, Does.Contain("X-Amz-Security-Token:").IgnoreCase);
        Assert.That(proxy.Requests, Does.Not.Contain("Credential=AKIA/"));
    }

    [Test]
    public void StsTokenTimeout_BelowStsMinimum_IsRefused() =>
        Assert.That(() => SqsTransportOptions.Parse(Options(("sts_role_arn", "arn:aws:iam::1:role/r"), ("sts_token_timeout", 300))),
            Throws.ArgumentException.With.Message.Contains("sts_token_timeout"));

    [Test]
    public void PredefinedFifoQueue_KeepsOrder_AndSendsKombusGroupId()
    {
        var name = QueueName + ".fifo";
        var url = Sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string> { ["FifoQueue"] = "true" },
        }).GetAwaiter().GetResult().QueueUrl;
        using var conn = new Connection(SqsBroker.Url, transportOptions: Options(("predefined_queues", Predefined(name, url))));
        using (var queue = conn.CreateSimpleQueue(name))
        {
            foreach (var body in new[] { "1", "2", "3", "4" })
                queue.Put(body);
        }

        var received = new List<Amazon.SQS.Model.Message>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (received.Count < 4 && DateTime.UtcNow < deadline)
        {
            // A FIFO group hands out its next message only once the one in flight is deleted.
            foreach (var message in Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageSystemAttributeNames = ["All"],
            }).GetAwaiter().GetResult().Messages ?? [])
            {
                received.Add(message);
                Sqs.DeleteMessageAsync(url, message.ReceiptHandle).GetAwaiter().GetResult();
            }
        }

        Assert.That(received.Select(m => m.Attributes["MessageGroupId"]).Distinct(), Is.EqualTo(new[] { "default" }));
        Assert.That(received.Select(m => m.Attributes["MessageDeduplicationId"]).Distinct().Count(), Is.EqualTo(4));
        var bodies = received.Select(m => System.Text.Encoding.UTF8.GetString(
            Kombu.Transport.Virtual.EnvelopeJson.Deserialize(Convert.FromBase64String(m.Body)).Body));
        Assert.That(bodies, Is.EqualTo(new[] { "1", "2", "3", "4" }));
    }
}
