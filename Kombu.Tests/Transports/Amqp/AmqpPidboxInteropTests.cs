using System.Text.Json;
using Kombu.Pidbox;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>pidbox over RabbitMQ between Python Kombu's Mailbox/Node and ours, both ways.</summary>
[TestFixture]
public sealed class AmqpPidboxInteropTests
{
    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();

    [Test]
    public void PythonMailboxCall_OurNodeAnswers()
    {
        var ns = AmqpBroker.UniqueName("ns");
        using var conn = new Connection(AmqpBroker.Url);
        var mailbox = new Mailbox(ns, "fanout").Bind(conn);
        var node = mailbox.CreateNode("dotnet@host", state: "st");
        node.Handler("ping", (_, _) => "pong");
        node.Handler("echo", (_, args) => args);
        using var consumer = node.Listen();
        using var stop = new CancellationTokenSource();
        var served = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    conn.DrainEvents(TimeSpan.FromMilliseconds(200));
                }
                catch (TimeoutException)
                {
                }
            }
        });

        string output;
        try
        {
            output = PythonPeer.Run("kombu_peer.py", ["mailbox-call", AmqpBroker.Url, ns, "echo", """{"x": 1, "s": "é"}""",
                "--destination", "dotnet@host", "--type", "fanout", "--timeout", "5"]);
        }
        finally
        {
            stop.Cancel();
            served.Wait();
        }

        var replies = JsonDocument.Parse(output).RootElement;
        Assert.That(replies.GetArrayLength(), Is.EqualTo(1), output);
        var reply = replies[0].GetProperty("dotnet@host");
        Assert.That(reply.GetProperty("x").GetInt32(), Is.EqualTo(1));
        Assert.That(reply.GetProperty("s").GetString(), Is.EqualTo("é"));
    }

    [Test]
    public void OurMailboxCall_PythonNodeAnswers()
    {
        var ns = AmqpBroker.UniqueName("ns");
        using var node = PythonPeer.Start("kombu_peer.py", ["mailbox-node", AmqpBroker.Url, ns, "py@host", "--type", "fanout"]);
        try
        {
            var ready = node.StandardOutput.ReadLineAsync();
            Assert.That(ready.Wait(TimeSpan.FromSeconds(20)) && ready.Result == "READY", Is.True, "The Python node did not start.");
            using var conn = new Connection(AmqpBroker.Url);
            var mailbox = new Mailbox(ns, "fanout").Bind(conn);

            var ping = mailbox.Call(["py@host"], "ping", timeout: TimeSpan.FromSeconds(5));
            var echo = mailbox.Call(["py@host"], "echo", new Dictionary<string, object?> { ["k"] = "v", ["n"] = 2L },
                timeout: TimeSpan.FromSeconds(5));

            Assert.That(ping, Is.EqualTo(new object?[] { new Dictionary<string, object?> { ["py@host"] = "pong" } }));
            Assert.That(echo, Is.EqualTo(new object?[]
            {
                new Dictionary<string, object?> { ["py@host"] = new Dictionary<string, object?> { ["k"] = "v", ["n"] = 2L } },
            }));
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            node.WaitForExit();
        }
    }
}
