using Kombu.Transport;

namespace Kombu.Tests.Transports.Conformance;

/// <summary>
/// The broker-independent suite every transport runs: one sealed subclass per transport supplies the URL and
/// the capability flags. Entity names are unique per test so fixtures may share a broker.
/// </summary>
public abstract partial class TransportConformanceTests
{
    private readonly List<IDisposable> _disposables = [];

    /// <summary>The broker URL the suite connects to.</summary>
    protected abstract string Url { get; }

    /// <summary>Whether fanout exchanges route to every bound queue.</summary>
    protected virtual bool SupportsFanout => true;

    /// <summary>Whether topic exchanges are routed.</summary>
    protected virtual bool SupportsTopic => true;

    /// <summary>Whether headers exchanges are routed.</summary>
    protected virtual bool SupportsHeaders => true;

    /// <summary>Whether a higher priority is served first (only on queues declared for it).</summary>
    protected virtual bool SupportsPriority => false;

    /// <summary>
    /// Whether a lower priority number is served first, as on Kombu's Redis transport (wire format §5.2: steps are
    /// popped step 0 first), instead of AMQP's higher-first.
    /// </summary>
    protected virtual bool PriorityLowerNumberFirst => false;

    /// <summary>Whether topic routing follows Kombu's own wildcard semantics (virtual transports) rather than AMQP's.</summary>
    protected virtual bool KombuTopicSemantics => true;

    /// <summary>How long to wait for a delivery that must arrive.</summary>
    protected virtual TimeSpan DeliveryTimeout => TimeSpan.FromSeconds(10);

    /// <summary>How long to wait to conclude that nothing arrives.</summary>
    protected virtual TimeSpan SilenceTimeout => TimeSpan.FromMilliseconds(300);

    protected string Prefix { get; private set; } = "";

    [SetUp]
    public void SetUpNames() => Prefix = "kt-" + Guid.NewGuid().ToString("N")[..12];

    [TearDown]
    public void DisposeResources()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
            _disposables[i].Dispose();
        _disposables.Clear();
    }

    /// <summary>A connection closed after the test.</summary>
    protected Connection Connect()
    {
        var connection = new Connection(Url);
        _disposables.Add(connection);
        return connection;
    }

    /// <summary>A unique entity name for this test.</summary>
    protected string Name(string suffix) => $"{Prefix}.{suffix}";

    /// <summary>Declares a queue bound to <paramref name="exchange"/> and returns it bound to the channel.</summary>
    protected Queue DeclareQueue(IChannel channel, string name, Exchange? exchange = null, string routingKey = "",
        IDictionary<string, object?>? bindingArguments = null, int? maxPriority = null)
    {
        var queue = new Queue(name, exchange, routingKey, bindingArguments: bindingArguments, durable: false,
            autoDelete: false, maxPriority: maxPriority).Bind(channel);
        queue.Declare();
        return queue;
    }

    /// <summary>Fetches one message with <c>basic_get</c>, polling until it arrives or the timeout passes.</summary>
    protected Message? GetWithin(Queue queue, TimeSpan timeout, bool noAck = false, IEnumerable<string>? accept = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = queue.Get(noAck, accept);
            if (message is not null || DateTime.UtcNow >= deadline)
                return message;
            Thread.Sleep(20);
        }
    }

    /// <summary>Fetches one message that must arrive.</summary>
    protected Message GetRequired(Queue queue, bool noAck = false, IEnumerable<string>? accept = null) =>
        GetWithin(queue, DeliveryTimeout, noAck, accept) ?? throw new AssertionException($"No message arrived on {queue.Name}.");

    /// <summary>Drains events until <paramref name="until"/> holds or the delivery timeout passes.</summary>
    protected static void DrainUntil(Connection connection, Func<bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!until())
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new AssertionException("Timed out waiting for deliveries.");
            try
            {
                connection.DrainEvents(left);
            }
            catch (TimeoutException)
            {
            }
        }
    }
}
