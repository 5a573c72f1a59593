using System.Text;
using Kombu.Transport;
using Kombu.Transport.Memory;

namespace Kombu.Tests.Transport.Memory;

/// <summary>Opens memory transports and channels for a test and closes them afterwards.</summary>
public abstract class MemoryTestBase
{
    private readonly List<MemoryTransport> _transports = [];

    [TearDown]
    public void CloseTransports()
    {
        foreach (var transport in _transports)
            transport.Client.Close();
        _transports.Clear();
    }

    protected MemoryTransport NewTransport(IDictionary<string, object?>? options = null)
    {
        var connection = new Connection("memory://");
        if (options is not null)
        {
            foreach (var pair in options)
                connection.TransportOptions[pair.Key] = pair.Value;
        }
        var transport = (MemoryTransport)connection.Transport;
        _transports.Add(transport);
        return transport;
    }

    protected IChannel NewChannel(MemoryTransport? transport = null)
    {
        transport ??= NewTransport();
        return transport.Client.CreateChannel();
    }

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected static OutgoingMessage Text(string body, IDictionary<string, object?>? headers = null,
        IDictionary<string, object?>? properties = null) =>
        new(Encoding.UTF8.GetBytes(body), "text/plain", "utf-8") { Headers = headers, Properties = properties };

    protected static string BodyOf(Message? message) =>
        message is null ? "<none>" : Encoding.UTF8.GetString(message.Body);

    protected static List<string> DrainAll(IChannel channel, string queue)
    {
        var bodies = new List<string>();
        var bound = new Queue(queue).Bind(channel);
        while (bound.Get(noAck: true) is { } message)
            bodies.Add(BodyOf(message));
        return bodies;
    }
}
