using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Celery 5 over Redis: our protocol-2 task run by a real worker (result from the Redis backend), and a Python-sent task read by us.</summary>
[TestFixture]
public sealed class RedisCeleryInteropTests : RedisInteropTestBase
{
    private const int BackendDb = 12;

    protected override int Db => 11;

    [Test]
    public void OurProtocol2Task_RunByCeleryWorker_ResultInRedisBackend()
    {
        var queue = Name("tasks");
        var worker = StartPeer("-m", ["celery", "-A", "celery_app", "worker", "--pool=solo", "--concurrency=1", "-Q", queue,
            "-n", Prefix + "@localhost", "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
            new Dictionary<string, string>
            {
                ["KOMBU_INTEROP_BROKER"] = Url,
                ["KOMBU_INTEROP_BACKEND"] = RedisTestServer.Url(BackendDb),
            });
        WaitForLine(worker.StandardError, "ready.", TimeSpan.FromSeconds(30));
        var id = Guid.NewGuid().ToString();
        using var conn = Connect();

        conn.CreateProducer().Publish(
            new object?[] { new object?[] { 2L, 3L }, new Dictionary<string, object?>(), new Dictionary<string, object?>
            {
                ["callbacks"] = null, ["errbacks"] = null, ["chain"] = null, ["chord"] = null,
            } },
            routingKey: queue, serializer: "json", correlationId: id, replyTo: Guid.NewGuid().ToString(),
            headers: new Dictionary<string, object?>
            {
                ["lang"] = "py",
                ["task"] = "interop.add",
                ["id"] = id,
                ["shadow"] = null,
                ["eta"] = null,
                ["expires"] = null,
                ["group"] = null,
                ["group_index"] = null,
                ["retries"] = 0L,
                ["timelimit"] = new object?[] { null, null },
                ["root_id"] = id,
                ["parent_id"] = null,
                ["argsrepr"] = "(2, 3)",
                ["kwargsrepr"] = "{}",
                ["origin"] = "kombu.net@localhost",
                ["ignore_result"] = false,
            });

        var backend = RedisTestServer.Database(BackendDb);
        var key = "celery-task-meta-" + id;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!backend.KeyExists(key) && DateTime.UtcNow < deadline)
            Thread.Sleep(50);
        var meta = Map(KombuJson.Deserialize((string)backend.StringGet(key)!));
        backend.KeyDelete(key);

        Assert.That(meta["status"], Is.EqualTo("SUCCESS"));
        Assert.That(meta["result"], Is.EqualTo(5L));
        Assert.That(meta["task_id"], Is.EqualTo(id));
    }

    [Test]
    public void PythonSentTask_ConsumedAndDecodedByUs()
    {
        var queue = Name("sent");
        using var conn = Connect();
        var bound = new Queue(queue, new Exchange(queue, "direct", durable: false), queue, durable: false).Bind(conn.DefaultChannel);
        bound.Declare();

        var sender = StartPeer("celery_app.py", ["send", "interop.add", "[4, 5]", "--queue", queue, "--no-wait"],
            new Dictionary<string, string> { ["KOMBU_INTEROP_BROKER"] = Url, ["KOMBU_INTEROP_BACKEND"] = RedisTestServer.Url(BackendDb) });
        var output = sender.StandardOutput.ReadToEnd();
        Assert.That(sender.WaitForExit(30_000) && sender.ExitCode == 0, Is.True, sender.StandardError.ReadToEnd());
        var id = (string)Map(KombuJson.Deserialize(output.Split('\n')[0]))["id"]!;

        var message = bound.Get(noAck: false)!;
        Assert.That(message.Headers["task"], Is.EqualTo("interop.add"));
        Assert.That(message.Headers["id"], Is.EqualTo(id));
        Assert.That(message.Properties["correlation_id"], Is.EqualTo(id));
        var body = (IList<object?>)message.Decode()!;
        Assert.That(body[0], Is.EqualTo(new List<object?> { 4L, 5L }));
        Assert.That(Map(body[2]).Keys, Is.SupersetOf(new[] { "callbacks", "errbacks", "chain", "chord" }));
        message.Ack();
    }
}
