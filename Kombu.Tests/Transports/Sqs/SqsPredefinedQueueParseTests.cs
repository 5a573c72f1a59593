using Kombu.Transport.Sqs;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>How the predefined_queues option is read, as Kombu 5 documents it: url, credentials, backoff, FIFO naming.</summary>
[TestFixture]
[Category("Unit")]
public sealed class SqsPredefinedQueueParseTests
{
    [Test]
    public void Parse_ReadsUrlCredentialsAndBackoff()
    {
        var options = SqsTransportOptions.Parse(new Dictionary<string, object?>
        {
            ["predefined_queues"] = new Dictionary<string, object?>
            {
                ["q1"] = new Dictionary<string, object?>
                {
                    ["url"] = "https://sqs.example/1/q1",
                    ["access_key_id"] = "a",
                    ["secret_access_key"] = "b",
                    ["backoff_policy"] = new Dictionary<object, object> { [1] = 10, ["2"] = 20 },
                    ["backoff_tasks"] = new List<object?> { "svc.task1" },
                },
                ["q2"] = "https://sqs.example/1/q2",
            },
        });

        var q1 = options.PredefinedQueues!["q1"];
        Assert.That((q1.Url, q1.AccessKeyId, q1.SecretAccessKey), Is.EqualTo(("https://sqs.example/1/q1", "a", "b")));
        Assert.That(q1.BackoffPolicy, Is.EquivalentTo(new Dictionary<int, int> { [1] = 10, [2] = 20 }));
        Assert.That(q1.BackoffTasks, Is.EquivalentTo(new[] { "svc.task1" }));
        Assert.That(options.PredefinedQueues["q2"].HasOwnClient, Is.False);
    }

    [Test]
    public void BackoffFor_CoversOnlyListedTasksAndCounts()
    {
        var queue = new SqsPredefinedQueue
        {
            Url = "u",
            BackoffPolicy = new Dictionary<int, int> { [1] = 10, [2] = 20 },
            BackoffTasks = new HashSet<string> { "t" },
        };

        Assert.That(new[] { queue.BackoffFor("t", 1), queue.BackoffFor("t", 2), queue.BackoffFor("t", 3), queue.BackoffFor("u", 1), queue.BackoffFor(null, 1) },
            Is.EqualTo(new int?[] { 10, 20, null, null, null }));
    }

    [TestCase("q.fifo", "https://sqs.example/1/q")]
    [TestCase("q", "https://sqs.example/1/q.fifo")]
    public void Parse_FifoNameAndUrlMustAgree(string name, string url) =>
        Assert.That(() => SqsTransportOptions.Parse(new Dictionary<string, object?>
        {
            ["predefined_queues"] = new Dictionary<string, object?> { [name] = new Dictionary<string, object?> { ["url"] = url } },
        }), Throws.ArgumentException.With.Message.Contains(".fifo"));

    [Test]
    public void Parse_EntryWithoutUrl_Throws() =>
        Assert.That(() => SqsTransportOptions.Parse(new Dictionary<string, object?>
        {
            ["predefined_queues"] = new Dictionary<string, object?> { ["q"] = new Dictionary<string, object?> { ["access_key_id"] = "a" } },
        }), Throws.ArgumentException.With.Message.Contains("url"));
}
