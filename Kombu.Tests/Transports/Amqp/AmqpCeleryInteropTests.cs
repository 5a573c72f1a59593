using System.Diagnostics;
using System.Text.Json;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>Celery protocol 2 over RabbitMQ: our task message run by a real Celery worker, and a Celery task read by our Consumer.</summary>
[TestFixture]
public sealed class AmqpCeleryInteropTests
{
    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();

    [Test]
    public async Task OurTaskMessage_RunByCeleryWorker_ResultReadFromRpcReply()
    {
        var queueName = AmqpBroker.UniqueName("celery");
        using var worker = StartWorker(queueName);
        using var conn = new Connection(AmqpBroker.Url);
        try
        {
            var taskId = Guid.NewGuid().ToString();
            var oid = Guid.NewGuid().ToString();
            var reply = new Queue(oid, new Exchange(""), oid, durable: false, autoDelete: true, expires: TimeSpan.FromDays(1))
                .Bind(conn.DefaultChannel);
            reply.Declare();
            var replies = new List<(object? Body, Message Message)>();
            using var consumer = conn.CreateConsumer([reply], accept: ["json"], noAck: true,
                callbacks: [(body, message) => replies.Add((body, message))]);
            consumer.Consume();

            conn.CreateProducer().Publish(TaskBody(2L, 3L), routingKey: queueName, exchange: "", serializer: "json",
                headers: TaskHeaders("interop.add", taskId, "(2, 3)"), correlationId: taskId, replyTo: oid,
                deliveryMode: 2);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (replies.Count == 0 && DateTime.UtcNow < deadline)
            {
                try
                {
                    conn.DrainEvents(TimeSpan.FromSeconds(1));
                }
                catch (TimeoutException)
                {
                }
            }

            Assert.That(replies, Has.Count.EqualTo(1), "No rpc:// reply from the Celery worker.");
            var meta = (IDictionary<string, object?>)replies[0].Body!;
            Assert.That(meta["status"], Is.EqualTo("SUCCESS"));
            Assert.That(meta["result"], Is.EqualTo(5L));
            Assert.That(meta["task_id"], Is.EqualTo(taskId));
            Assert.That(replies[0].Message.Properties["correlation_id"], Is.EqualTo(taskId));
        }
        finally
        {
            Stop(worker);
            await conn.DefaultChannel.QueueDeleteAsync(queueName);
            await conn.DefaultChannel.ExchangeDeleteAsync(queueName);
        }
    }

    [Test]
    public async Task CelerySendTask_ConsumedByUs_DecodesProtocol2()
    {
        var queueName = AmqpBroker.UniqueName("celery-in");
        using var conn = new Connection(AmqpBroker.Url);
        var queue = new Queue(queueName, new Exchange(queueName, "direct", durable: true), queueName, durable: true)
            .Bind(conn.DefaultChannel);
        queue.Declare();
        try
        {
            var output = PythonPeer.Run("celery_app.py", ["send", "interop.add", "[2, 3]", "--queue", queueName, "--no-wait"]);
            var taskId = JsonDocument.Parse(output.Split('\n')[0]).RootElement.GetProperty("id").GetString();
            Message? message = null;
            object? body = null;
            using var consumer = conn.CreateConsumer([queue], accept: ["json"], callbacks: [(b, m) => { body = b; message = m; m.Ack(); }]);
            consumer.Consume();
            conn.DrainEvents(TimeSpan.FromSeconds(10));

            var h = message!.Headers;
            Assert.That((h["lang"], h["task"], h["id"], h["root_id"]), Is.EqualTo(("py", "interop.add", taskId, taskId)));
            Assert.That((h["parent_id"], h["group"], h["eta"], h["expires"]), Is.EqualTo(((object?)null, (object?)null, (object?)null, (object?)null)));
            Assert.That(h["retries"], Is.EqualTo(0L));
            Assert.That(h["timelimit"], Is.EqualTo(new List<object?> { null, null }));
            Assert.That((h["argsrepr"], h["kwargsrepr"]), Is.EqualTo(("[2, 3]", "{}")));
            Assert.That(h["origin"], Does.StartWith("gen"));
            Assert.That(message.Properties["correlation_id"], Is.EqualTo(taskId));
            Assert.That(message.Properties["reply_to"], Is.Not.Null.And.Not.Empty);
            Assert.That(message.ContentType, Is.EqualTo("application/json"));
            Assert.That(body, Is.EqualTo(TaskBody(2L, 3L)));
        }
        finally
        {
            await conn.DefaultChannel.QueueDeleteAsync(queueName);
            await conn.DefaultChannel.ExchangeDeleteAsync(queueName);
        }
    }

    private static List<object?> TaskBody(params object?[] args) =>
    [
        args.ToList(),
        new Dictionary<string, object?>(),
        new Dictionary<string, object?> { ["callbacks"] = null, ["errbacks"] = null, ["chain"] = null, ["chord"] = null },
    ];

    private static Dictionary<string, object?> TaskHeaders(string task, string id, string argsrepr) => new()
    {
        ["lang"] = "py",
        ["task"] = task,
        ["id"] = id,
        ["shadow"] = null,
        ["eta"] = null,
        ["expires"] = null,
        ["group"] = null,
        ["group_index"] = null,
        ["retries"] = 0L,
        ["timelimit"] = new List<object?> { null, null },
        ["root_id"] = id,
        ["parent_id"] = null,
        ["argsrepr"] = argsrepr,
        ["kwargsrepr"] = "{}",
        ["origin"] = "gen" + Environment.ProcessId + "@dotnet",
        ["ignore_result"] = false,
    };

    private static Process StartWorker(string queue)
    {
        var worker = PythonPeer.Start("-m", ["celery", "-A", "celery_app", "worker", "--pool=solo", "--concurrency=1",
            "-Q", queue, "-n", queue + "@%h", "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
            environment: new Dictionary<string, string> { ["KOMBU_INTEROP_BROKER"] = AmqpBroker.Url, ["KOMBU_INTEROP_BACKEND"] = "rpc://" });
        var ready = new TaskCompletionSource();
        var log = new System.Text.StringBuilder();
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (log)
                log.AppendLine(e.Data);
            if (e.Data.Contains("ready.", StringComparison.Ordinal))
                ready.TrySetResult();
        }
        worker.ErrorDataReceived += OnLine;
        worker.OutputDataReceived += OnLine;
        worker.BeginErrorReadLine();
        worker.BeginOutputReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            Stop(worker);
            Assert.Fail("The Celery worker did not become ready:\n" + log);
        }
        return worker;
    }

    private static void Stop(Process worker)
    {
        if (!worker.HasExited)
            worker.Kill(entireProcessTree: true);
        worker.WaitForExit();
    }
}
