using Kombu.Pidbox;
using Kombu.Serialization;

namespace Kombu.Tests.Pidbox;

[Category("Unit")]
public sealed class NodeTests
{
    private static (Mailbox Mailbox, Node Node, List<string> Calls) NewNode(string hostname = "w1@host")
    {
        var calls = new List<string>();
        var mailbox = new Mailbox("t" + Guid.NewGuid().ToString("N"), "fanout");
        mailbox.Handler("ping", (_, _) =>
        {
            calls.Add("ping");
            return "pong";
        });
        return (mailbox, mailbox.CreateNode(hostname), calls);
    }

    private static Dictionary<string, object?> Request(object? destination = null, string? pattern = null,
        string? matcher = null) => new()
    {
        ["method"] = "ping", ["arguments"] = new Dictionary<string, object?>(), ["destination"] = destination,
        ["pattern"] = pattern, ["matcher"] = matcher,
    };

    [Test]
    public void HandleMessage_OtherDestination_DoesNotRunHandler()
    {
        var (_, node, calls) = NewNode();

        var result = node.HandleMessage(Request(new List<object?> { "other" }));

        Assert.That((result, calls.Count), Is.EqualTo(((object?)null, 0)));
    }

    [Test]
    public void HandleMessage_NoDestination_RunsHandler()
    {
        var (_, node, calls) = NewNode();

        Assert.That(node.HandleMessage(Request()), Is.EqualTo("pong"));
        Assert.That(calls, Is.EqualTo(new[] { "ping" }));
    }

    [TestCase("w1@*", "glob", true)]
    [TestCase("w[!1]@*", "glob", false)]
    [TestCase("w1", "pcre", true)]
    [TestCase("host", "pcre", false)]
    public void HandleMessage_Pattern_SelectsByMatcher(string pattern, string matcher, bool expected)
    {
        var (_, node, calls) = NewNode();

        node.HandleMessage(Request(pattern: pattern, matcher: matcher));

        Assert.That(calls.Count == 1, Is.EqualTo(expected));
    }

    [Test]
    public void Handle_UnknownMethod_ThrowsKeyNotFound()
    {
        var (_, node, _) = NewNode();

        Assert.That(() => node.Handle("nope"), Throws.TypeOf<KeyNotFoundException>());
    }

    [Test]
    public void Dispatch_UnknownCast_ReturnsKeyErrorWithoutThrowing()
    {
        var (_, node, _) = NewNode();

        Assert.That(node.Dispatch("nope"), Is.EqualTo(new Dictionary<string, object?> { ["error"] = "KeyError('nope')" }));
    }

    [Test]
    public void Dispatch_ReplyTo_PublishesTransientReplyWithTicketAndClock()
    {
        var (mailbox, _, _) = NewNode();
        using var conn = new Connection("memory://");
        var bound = mailbox.Bind(conn);
        var node = bound.CreateNode("w1@host");
        var replyQueue = bound.GetReplyQueue().Bind(conn.DefaultChannel);
        replyQueue.Declare();
        var replyTo = new Dictionary<string, object?>
        {
            ["exchange"] = bound.ReplyExchange.Name, ["routing_key"] = bound.Oid,
        };

        node.Dispatch("ping", replyTo: replyTo, ticket: "tk-1");
        var raw = replyQueue.Get(noAck: true)!;

        Assert.That(KombuJson.Deserialize(raw.Body), Is.EqualTo(new Dictionary<string, object?> { ["w1@host"] = "pong" }));
        Assert.That((raw.Headers["ticket"], raw.Headers["clock"] is long, raw.Properties["delivery_mode"]),
            Is.EqualTo(((object?)"tk-1", true, (object?)1)));
    }

    [Test]
    public void Node_Defaults_UseMailboxHandlers()
    {
        var (mailbox, node, _) = NewNode();

        Assert.That((node.Hostname, node.Handlers, node.Mailbox), Is.EqualTo(("w1@host", mailbox.Handlers, mailbox)));
    }
}
