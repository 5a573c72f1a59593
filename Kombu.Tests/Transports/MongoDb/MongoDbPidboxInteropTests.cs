using System.Diagnostics;
using Kombu.Pidbox;
using Kombu.Serialization;
using Kombu.Tests.Support;
using MongoDB.Bson;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>Pidbox between this port and Python Kombu on MongoDB: requests through the broadcast collection, replies routed by messages.routing.</summary>
[TestFixture]
public sealed class MongoDbPidboxInteropTests : MongoDbTestBase
{
    private Process? _python;

    [TearDown]
    public void KillPeer()
    {
        if (_python is { HasExited: false })
            _python.Kill(entireProcessTree: true);
        _python?.Dispose();
        _python = null;
    }

    [Test]
    public void PythonMailboxCall_AnsweredByOurNode()
    {
        var mailbox = new Mailbox("mns", "fanout");
        mailbox.Handler("ping", (_, _) => "pong");
        using var conn = Connect();
        using var consumer = mailbox.Bind(conn).CreateNode("net@host", state: null).Listen();
        _python = PythonPeer.Start("kombu_peer.py", ["mailbox-call", Url, "mns", "ping", "--destination", "net@host",
            "--type", "fanout", "--timeout", "8"]);
        var output = _python.StandardOutput.ReadToEndAsync();

        DrainUntil(conn, () => output.IsCompleted, TimeSpan.FromSeconds(20));

        if (!output.IsCompleted || output.Result.Trim().Length == 0)
            Assert.Fail("The Python mailbox-call printed no replies: " + _python.StandardError.ReadToEnd());
        var replies = (IList<object?>)KombuJson.Deserialize(output.Result.Trim())!;
        Assert.That(replies, Is.EqualTo(new object?[] { new Dictionary<string, object?> { ["net@host"] = "pong" } }));
    }

    [Test]
    public void OurMailboxCall_AnsweredByPythonNode()
    {
        MongoDbBroker.IgnoreOnEmulator(
            "keep a tailable cursor open after its first batch, and Python Kombu's broadcast cursor never reopens a closed one");
        using var conn = Connect();
        conn.Connect();
        // An older broadcast: a tailable cursor on an empty capped collection would be dead from the start.
        MongoDbBroker.Database(Db).GetCollection<BsonDocument>("messages.broadcast")
            .InsertOne(new BsonDocument { ["payload"] = "{}", ["queue"] = "mns2.pidbox" });
        _python = PythonPeer.Start("kombu_peer.py", ["mailbox-node", Url, "mns2", "py@host", "--type", "fanout"]);
        var ready = Task.Run(() => _python.StandardOutput.ReadLine());
        Assert.That(ready.Wait(TimeSpan.FromSeconds(20)) ? ready.Result : null, Does.Contain("READY"));
        var mailbox = new Mailbox("mns2", "fanout").Bind(conn);

        var replies = mailbox.Call(["py@host"], "echo", new Dictionary<string, object?> { ["x"] = 1L }, TimeSpan.FromSeconds(10));

        Assert.That(replies, Is.EqualTo(new object?[]
        {
            new Dictionary<string, object?> { ["py@host"] = new Dictionary<string, object?> { ["x"] = 1L } },
        }));
    }
}
