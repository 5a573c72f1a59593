using Kombu.Pidbox;

namespace Kombu.Tests.Transports.Conformance;

public abstract partial class TransportConformanceTests
{
    [Test]
    public void Mailbox_Call_NodeOnOtherConnectionReplies()
    {
        var mailbox = new Mailbox(Name("box"), SupportsFanout ? "fanout" : "direct");
        mailbox.Handler("add", (_, args) => Convert.ToInt64(args["x"]) + Convert.ToInt64(args["y"]));
        using var node = new ServedNode(Url, mailbox, "worker1");

        var replies = mailbox.Bind(Connect()).Call(["worker1"], "add",
            new Dictionary<string, object?> { ["x"] = 2, ["y"] = 3 }, timeout: DeliveryTimeout);

        Assert.That(replies, Is.EqualTo(new object?[] { new Dictionary<string, object?> { ["worker1"] = 5L } }));
    }

    [Test]
    public void Mailbox_MultiCallWithLimit_CollectsEveryNode()
    {
        var mailbox = new Mailbox(Name("bcast"), "fanout");
        if (!SupportsFanout)
        {
            // A broadcast mailbox needs a fanout exchange: a transport without one must say so, not drop calls.
            Assert.That(() => mailbox.Bind(Connect()).CreateNode("n1").Listen(), Throws.InstanceOf<Kombu.Exceptions.KombuException>());
            return;
        }
        mailbox.Handler("ping", (_, _) => "pong");
        using var first = new ServedNode(Url, mailbox, "n1");
        using var second = new ServedNode(Url, mailbox, "n2");

        var replies = mailbox.Bind(Connect()).MultiCall("ping", timeout: DeliveryTimeout, limit: 2);

        Assert.That(replies, Is.EquivalentTo(new object?[]
        {
            new Dictionary<string, object?> { ["n1"] = "pong" }, new Dictionary<string, object?> { ["n2"] = "pong" },
        }));
    }

    /// <summary>A pidbox node listening on its own connection, drained by a background task until disposed.</summary>
    private sealed class ServedNode : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Connection _connection;
        private readonly Consumer _consumer;
        private readonly Task _loop;

        public ServedNode(string url, Mailbox mailbox, string hostname)
        {
            _connection = new Connection(url);
            _consumer = mailbox.Bind(_connection).CreateNode(hostname).Listen();
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    try
                    {
                        await _connection.DrainEventsAsync(TimeSpan.FromMilliseconds(100), _stop.Token);
                    }
                    catch (TimeoutException)
                    {
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.GetAwaiter().GetResult();
            _consumer.Dispose();
            _connection.Dispose();
            _stop.Dispose();
        }
    }
}
