using Kombu.Pidbox;
using Kombu.Serialization;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Pidbox (remote control) between this port and Python Kombu over Redis: fanout requests, direct replies.</summary>
[TestFixture]
public sealed class RedisPidboxInteropTests : RedisInteropTestBase
{
    protected override int Db => 10;

    [Test]
    public void PythonMailboxCall_AnsweredByOurNode()
    {
        var ns = Name("ns");
        var mailbox = new Mailbox(ns, "fanout");
        mailbox.Handler("ping", (_, _) => "pong");
        using var conn = Connect();
        var node = mailbox.Bind(conn).CreateNode("net@host", state: null);
        using var consumer = node.Listen();
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => Serve(conn, stop.Token));
        try
        {
            var output = PythonPeer.Run("kombu_peer.py", ["mailbox-call", Url, ns, "ping", "--destination", "net@host",
                "--type", "fanout", "--timeout", "5"]);

            var replies = (IList<object?>)KombuJson.Deserialize(output.Trim())!;
            Assert.That(replies, Has.Count.EqualTo(1));
            Assert.That(Map(replies[0])["net@host"], Is.EqualTo("pong"));
        }
        finally
        {
            stop.Cancel();
            loop.Wait();
        }
    }

    [Test]
    public void OurMailboxCall_AnsweredByPythonNode()
    {
        var ns = Name("ns2");
        var python = StartPeer("kombu_peer.py", ["mailbox-node", Url, ns, "py@host", "--type", "fanout"]);
        WaitForLine(python.StandardOutput, "READY", TimeSpan.FromSeconds(20));
        using var conn = Connect();
        var mailbox = new Mailbox(ns, "fanout").Bind(conn);

        // Python subscribes (PSUBSCRIBE) on its first poll after READY: ask again until it answers.
        IReadOnlyList<object?> replies = [];
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (replies.Count == 0 && DateTime.UtcNow < deadline)
            replies = mailbox.Call(["py@host"], "echo", new Dictionary<string, object?> { ["x"] = 1L }, TimeSpan.FromSeconds(2));

        Assert.That(replies, Has.Count.EqualTo(1));
        Assert.That(Map(replies[0])["py@host"], Is.EqualTo(new Dictionary<string, object?> { ["x"] = 1L }));
    }

    private static void Serve(Connection connection, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                connection.DrainEventsAsync(TimeSpan.FromMilliseconds(500), stop).AsTask().GetAwaiter().GetResult();
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
