using System.Text;
using Kombu.Serialization;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>predefined_queues as Kombu 5 reads them: per-queue credentials, backoff_policy/backoff_tasks, FIFO naming.</summary>
[TestFixture]
public sealed class SqsPredefinedQueueTests : SqsTestBase
{
    protected override string NamePrefix => "kp-";

    [Test]
    public void QueueWithOwnCredentials_IsReachedWithThem()
    {
        var url = Sqs.CreateQueueAsync(QueueName).GetAwaiter().GetResult().QueueUrl;
        using var proxy = new RecordingProxy(4566);
        using var conn = new Connection($"sqs://AKIA:secret@127.0.0.1:{proxy.Port}", transportOptions: new Dictionary<string, object?>
        {
            ["wait_time_seconds"] = 1,
            ["predefined_queues"] = new Dictionary<string, object?>
            {
                [QueueName] = new Dictionary<string, object?> { ["url"] = url, ["access_key_id"] = "AKIAQUEUE", ["secret_access_key"] = "queuesecret" },
            },
        });
        using var queue = conn.CreateSimpleQueue(QueueName);

        queue.Put("own credentials");
        var message = queue.Get(timeout: TimeSpan.FromSeconds(10));
        message.Ack();

        Assert.That(message.Payload, Is.EqualTo("own credentials"));
        Assert.That(proxy.Requests, Does.Contain("Credential=AKIAQUEUE/"));
        Assert.That(proxy.Requests, Does.Not.Contain("Credential=AKIA/"), "every call on this queue should use its own key");
        Assert.That(SqsBroker.Counts(Sqs, QueueName), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public void Reject_OfBackoffTask_SetsVisibilityFromPolicy_OtherTasksKeepTheirs()
    {
        var url = Sqs.CreateQueueAsync(QueueName).GetAwaiter().GetResult().QueueUrl;
        using var conn = new Connection(SqsBroker.Url, transportOptions: new Dictionary<string, object?>
        {
            ["wait_time_seconds"] = 1,
            ["predefined_queues"] = new Dictionary<string, object?>
            {
                [QueueName] = new Dictionary<string, object?>
                {
                    ["url"] = url,
                    ["backoff_policy"] = new Dictionary<object, object> { [1] = 0 },
                    ["backoff_tasks"] = new[] { "proj.retried" },
                },
            },
        });
        var producer = conn.CreateProducer();
        foreach (var task in new[] { "proj.retried", "proj.other" })
            producer.Publish(task, routingKey: QueueName, headers: new Dictionary<string, object?> { ["task"] = task });
        var queue = new Queue(QueueName).Bind(conn.DefaultChannel);

        SqsBroker.GetWithin(queue).Reject();
        SqsBroker.GetWithin(queue).Reject();

        Assert.That(SqsBroker.Counts(Sqs, QueueName), Is.EqualTo((1L, 1L)));
        var visible = Sqs.ReceiveMessageAsync(url).GetAwaiter().GetResult().Messages.Single();
        var envelope = (IDictionary<string, object?>)KombuJson.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(visible.Body)))!;
        Assert.That(((IDictionary<string, object?>)envelope["headers"]!)["task"], Is.EqualTo("proj.retried"));
    }
}
