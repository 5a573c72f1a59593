using Kombu.Tests.Support;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transports.Redis;

/// <summary>A fault-suite Redis test whose consumers connect through a fault proxy in front of the server.</summary>
public abstract class ProxiedFaultRedisTestBase : FaultRedisTestBase
{
    private FaultProxy? _proxy;

    /// <summary>The fault proxy in front of the fault suite's Redis, started for each test.</summary>
    private protected FaultProxy Proxy => _proxy!;

    [SetUp]
    public void StartProxy() => _proxy = FaultProxy.Start("127.0.0.1", FaultRedis.Port);

    [TearDown]
    public async Task StopProxy()
    {
        _proxy!.Resume();
        await _proxy.DisposeAsync();
    }

    /// <summary>Publishes a JSON string body straight onto <paramref name="queue"/>'s list, past the proxy, as a producer would.</summary>
    private protected void PushMessage(string queue, string text) =>
        Redis.ListLeftPush(Prefix + queue, EnvelopeJson.Serialize(new Envelope
        {
            Body = System.Text.Encoding.UTF8.GetBytes($"\"{text}\""),
            ContentType = "application/json",
            ContentEncoding = "utf-8",
            DeliveryTag = Guid.NewGuid().ToString(),
            RoutingKey = queue,
        }));

    /// <summary>How many of the transport's blocking-socket clients are blocked in <paramref name="command"/> now.</summary>
    private protected int BlockedIn(string command) =>
        ((string)Server.Execute("CLIENT", "LIST")!)
            .Split('\n').Count(c => c.Contains("name=kombu.net-brpop ", StringComparison.Ordinal)
                && c.Contains($"cmd={command} ", StringComparison.Ordinal) && c.Contains(" flags=b ", StringComparison.Ordinal));
}
