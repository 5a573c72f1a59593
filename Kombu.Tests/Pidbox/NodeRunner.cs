using Kombu.Pidbox;

namespace Kombu.Tests.Pidbox;

/// <summary>Serves pidbox nodes on their own connection from a background task until disposed.</summary>
internal sealed class NodeRunner : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Consumer> _consumers = [];
    private readonly Task _loop;

    public NodeRunner(Mailbox mailbox, params string[] hostnames)
        : this("memory://", mailbox, hostnames)
    {
    }

    private NodeRunner(string url, Mailbox mailbox, string[] hostnames)
    {
        Connection = new Connection(url);
        var bound = mailbox.Bind(Connection);
        foreach (var hostname in hostnames)
        {
            var node = bound.CreateNode(hostname, state: hostname);
            Nodes.Add(node);
            _consumers.Add(node.Listen());
        }
        _loop = Task.Run(Drain);
    }

    public Connection Connection { get; }

    /// <summary>Serves the nodes on a connection to <paramref name="url"/>.</summary>
    public static NodeRunner On(string url, Mailbox mailbox, params string[] hostnames) => new(url, mailbox, hostnames);

    public List<Node> Nodes { get; } = [];

    public void Dispose()
    {
        _stop.Cancel();
        _loop.GetAwaiter().GetResult();
        foreach (var consumer in _consumers)
            consumer.Dispose();
        Connection.Dispose();
        _stop.Dispose();
    }

    private void Drain()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                Connection.DrainEventsAsync(TimeSpan.FromMilliseconds(50), _stop.Token).AsTask().GetAwaiter().GetResult();
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
