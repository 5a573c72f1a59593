using Kombu.Pidbox;
using Kombu.Serialization;

namespace Kombu.Tests.Pidbox;

[Category("Unit")]
public sealed class MailboxTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    private static Mailbox NewMailbox(string type = "fanout")
    {
        var mailbox = new Mailbox("t" + Guid.NewGuid().ToString("N"), type);
        mailbox.Handler("ping", (_, _) => new Dictionary<string, object?> { ["ok"] = "pong" });
        mailbox.Handler("whoami", (state, _) => state);
        mailbox.Handler("add", (_, args) => (long)args["x"]! + (long)args["y"]!);
        mailbox.Handler("fail", (_, _) => throw new InvalidOperationException("it's broken"));
        return mailbox;
    }

    [Test]
    public void Names_FollowKombuRules()
    {
        var mailbox = new Mailbox("celery", "fanout");

        Assert.That((mailbox.Exchange.Name, mailbox.Exchange.Type, mailbox.Exchange.Durable, mailbox.Exchange.DeliveryMode),
            Is.EqualTo(("celery.pidbox", "fanout", false, (int?)1)));
        Assert.That((mailbox.ReplyExchange.Name, mailbox.ReplyExchange.Type, mailbox.ReplyExchange.Durable),
            Is.EqualTo(("reply.celery.pidbox", "direct", false)));
    }

    [Test]
    public void GetQueue_Hostname_NamesAndBindsNodeQueue()
    {
        var queue = new Mailbox("celery", "fanout").GetQueue("celery@host");

        Assert.That((queue.Name, queue.Exchange!.Name, queue.RoutingKey, queue.Durable, queue.Exclusive, queue.AutoDelete),
            Is.EqualTo(("celery@host.celery.pidbox", "celery.pidbox", "", false, true, true)));
    }

    [Test]
    public void GetReplyQueue_Default_UsesOidAndTenSecondExpiry()
    {
        var mailbox = new Mailbox("celery", "fanout", options: new MailboxOptions { ReplyQueueTtl = TimeSpan.FromSeconds(300) });

        var queue = mailbox.GetReplyQueue();

        Assert.That((queue.Name, queue.RoutingKey, queue.Exchange!.Name),
            Is.EqualTo(($"{mailbox.Oid}.reply.celery.pidbox", mailbox.Oid, "reply.celery.pidbox")));
        Assert.That(queue.DeclarationArguments(), Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["x-expires"] = 10000L, ["x-message-ttl"] = 300000L,
        }));
    }

    [Test]
    public void GetReplyQueue_Ticket_UsesKombu22PerCallName() =>
        Assert.That(new Mailbox("ns").GetReplyQueue("tk").Name, Is.EqualTo("tk.reply.ns.pidbox"));

    [Test]
    public void Bind_Connection_SharesOidAndHandlers()
    {
        var mailbox = NewMailbox();
        using var conn = new Connection("memory://");

        var bound = mailbox.Bind(conn);

        Assert.That((bound.Oid, bound.Handlers, bound.Connection), Is.EqualTo((mailbox.Oid, mailbox.Handlers, conn)));
    }

    [Test]
    public void Call_UnboundMailbox_ThrowsNotBound() =>
        Assert.That(() => new Mailbox("ns").Call(["a"], "ping"), Throws.TypeOf<Exceptions.NotBoundException>());

    [Test]
    public void Call_OneNode_ReturnsReplyKeyedByHostname()
    {
        var mailbox = NewMailbox();
        using var runner = new NodeRunner(mailbox, "n1");
        using var conn = new Connection("memory://");

        var replies = mailbox.Bind(conn).Call(["n1"], "ping", timeout: s_wait);

        Assert.That(replies, Is.EqualTo(new object?[]
        {
            new Dictionary<string, object?> { ["n1"] = new Dictionary<string, object?> { ["ok"] = "pong" } },
        }));
    }

    [Test]
    public void Call_Arguments_ArePassedToHandler()
    {
        var mailbox = NewMailbox();
        using var runner = new NodeRunner(mailbox, "n1");
        using var conn = new Connection("memory://");

        var replies = mailbox.Bind(conn).Call(["n1"], "add", new Dictionary<string, object?> { ["x"] = 2L, ["y"] = 3L }, s_wait);

        Assert.That(replies, Is.EqualTo(new object?[] { new Dictionary<string, object?> { ["n1"] = 5L } }));
    }

    [Test]
    public void MultiCall_TwoNodesWithLimit_ReturnsBothReplies()
    {
        var mailbox = NewMailbox();
        using var runner = new NodeRunner(mailbox, "n1", "n2");
        using var conn = new Connection("memory://");
        var seen = new List<object?>();

        var replies = mailbox.Bind(conn).MultiCall("whoami", timeout: s_wait, limit: 2, callback: seen.Add);

        var hosts = replies.Cast<IDictionary<string, object?>>().Select(r => r.Single().Value).Order().ToList();
        Assert.That(hosts, Is.EqualTo(new[] { "n1", "n2" }));
        Assert.That(seen, Has.Count.EqualTo(2));
    }

    [Test]
    public void Call_MissingNode_ReturnsRepliesThatArrivedBeforeTimeout()
    {
        var mailbox = NewMailbox();
        using var runner = new NodeRunner(mailbox, "n1");
        using var conn = new Connection("memory://");

        var replies = mailbox.Bind(conn).Call(["n1", "ghost"], "whoami", timeout: TimeSpan.FromMilliseconds(500));

        Assert.That(replies, Is.EqualTo(new object?[] { new Dictionary<string, object?> { ["n1"] = "n1" } }));
    }

    [Test]
    public void Call_DestinationSelectsOneNode_OnlyThatNodeReplies()
    {
        var mailbox = NewMailbox();
        using var runner = new NodeRunner(mailbox, "n1", "n2");
        using var conn = new Connection("memory://");

        var replies = mailbox.Bind(conn).Call(["n2"], "whoami", timeout: s_wait);

        Assert.That(replies, Is.EqualTo(new object?[] { new Dictionary<string, object?> { ["n2"] = "n2" } }));
    }

    [Test]
    public void Call_UnknownMethod_RepliesWithKeyError()
    {
        var mailbox = NewMailbox();
        using var runner = new NodeRunner(mailbox, "n1");
        using var conn = new Connection("memory://");

        var replies = mailbox.Bind(conn).Call(["n1"], "nope", timeout: s_wait);

        Assert.That(replies, Is.EqualTo(new object?[]
        {
            new Dictionary<string, object?> { ["n1"] = new Dictionary<string, object?> { ["error"] = "KeyError('nope')" } },
        }));
    }

    [Test]
    public void Call_HandlerThrows_RepliesWithExceptionRepr()
    {
        var mailbox = NewMailbox();
        using var runner = new NodeRunner(mailbox, "n1");
        using var conn = new Connection("memory://");

        var replies = mailbox.Bind(conn).Call(["n1"], "fail", timeout: s_wait);

        Assert.That(replies, Is.EqualTo(new object?[]
        {
            new Dictionary<string, object?>
            {
                ["n1"] = new Dictionary<string, object?> { ["error"] = "InvalidOperationException(\"it's broken\")" },
            },
        }));
    }

    [Test]
    public void Broadcast_GlobPattern_SelectsMatchingNodes()
    {
        var mailbox = NewMailbox();
        using var runner = new NodeRunner(mailbox, "w1@a", "w2@b");
        using var conn = new Connection("memory://");

        var replies = mailbox.Bind(conn).Broadcast("whoami", reply: true, timeout: TimeSpan.FromMilliseconds(500),
            pattern: "*@b", matcher: "glob");

        Assert.That(replies, Is.EqualTo(new object?[] { new Dictionary<string, object?> { ["w2@b"] = "w2@b" } }));
    }

    [Test]
    public async Task CallAsync_OneNode_ReturnsReply()
    {
        var mailbox = NewMailbox();
        using var runner = new NodeRunner(mailbox, "n1");
        await using var conn = new Connection("memory://");

        var replies = await mailbox.Bind(conn).CallAsync(["n1"], "whoami", timeout: s_wait);

        Assert.That(replies, Is.EqualTo(new object?[] { new Dictionary<string, object?> { ["n1"] = "n1" } }));
    }

    [Test]
    public void Cast_Node_RunsHandlerWithoutReply()
    {
        var mailbox = NewMailbox();
        using var ran = new ManualResetEventSlim();
        mailbox.Handler("poke", (_, _) =>
        {
            ran.Set();
            return "poked";
        });
        using var runner = new NodeRunner(mailbox, "n1");
        using var conn = new Connection("memory://");
        var bound = mailbox.Bind(conn);

        bound.Cast(["n1"], "poke");

        Assert.That(ran.Wait(s_wait), Is.True);
    }

    [Test]
    public void Call_RequestBody_HasKombu5JsonShape()
    {
        var mailbox = new Mailbox("t" + Guid.NewGuid().ToString("N"), "fanout");
        using var conn = new Connection("memory://");
        var bound = mailbox.Bind(conn);
        var nodeQueue = mailbox.GetQueue("n1").Bind(conn.DefaultChannel);
        nodeQueue.Declare();

        bound.Call(["n1"], "ping", new Dictionary<string, object?> { ["x"] = 1L }, TimeSpan.FromMilliseconds(100));
        var raw = nodeQueue.Get(noAck: true)!;
        var json = (Dictionary<string, object?>)KombuJson.Deserialize(raw.Body)!;

        Assert.That(json.Keys, Is.EqualTo(new[] { "method", "arguments", "destination", "pattern", "matcher", "ticket", "reply_to" }));
        Assert.That(json["method"], Is.EqualTo("ping"));
        Assert.That(json["arguments"], Is.EqualTo(new Dictionary<string, object?> { ["x"] = 1L }));
        Assert.That(json["destination"], Is.EqualTo(new object?[] { "n1" }));
        Assert.That((json["pattern"], json["matcher"]), Is.EqualTo(((object?)null, (object?)null)));
        Assert.That(Guid.TryParse((string)json["ticket"]!, out _), Is.True);
        Assert.That(json["reply_to"], Is.EqualTo(new Dictionary<string, object?>
        {
            ["exchange"] = $"reply.{mailbox.Namespace}.pidbox", ["routing_key"] = mailbox.Oid,
        }));
        Assert.That((raw.ContentType, raw.Properties["delivery_mode"]), Is.EqualTo(("application/json", (object)2)));
        Assert.That(raw.Headers["clock"], Is.TypeOf<long>());
        Assert.That(raw.Headers["expires"], Is.TypeOf<double>());
    }

    [Test]
    public void Abcast_RequestBody_HasNoTicketOrReplyTo()
    {
        var mailbox = new Mailbox("t" + Guid.NewGuid().ToString("N"), "fanout");
        using var conn = new Connection("memory://");
        var nodeQueue = mailbox.GetQueue("n1").Bind(conn.DefaultChannel);
        nodeQueue.Declare();

        mailbox.Bind(conn).Abcast("shutdown");
        var json = (Dictionary<string, object?>)KombuJson.Deserialize(nodeQueue.Get(noAck: true)!.Body)!;

        Assert.That(json.Keys, Is.EqualTo(new[] { "method", "arguments", "destination", "pattern", "matcher" }));
        Assert.That(json["destination"], Is.Null);
    }
}
