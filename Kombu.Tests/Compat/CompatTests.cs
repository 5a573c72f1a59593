using Kombu.Compat;
using Kombu.Tests.Support;
using CompatConsumer = Kombu.Compat.Consumer;

namespace Kombu.Tests.Compat;

/// <summary>
/// The broker-independent suite for Kombu.Compat's Publisher, Consumer and ConsumerSet, written in carrot's idioms:
/// one sealed subclass per transport supplies the URL and capability flags. Names are unique per test.
/// </summary>
public abstract partial class CompatTests
{
    private readonly List<IDisposable> _disposables = [];
    private readonly List<string> _queues = [];

    /// <summary>The broker URL the suite connects to.</summary>
    protected abstract string Url { get; }

    /// <summary>How long to wait for a message that must arrive.</summary>
    protected virtual TimeSpan DeliveryTimeout => TimeSpan.FromSeconds(10);

    /// <summary>How long to wait to conclude that nothing arrives.</summary>
    protected virtual TimeSpan SilenceTimeout => TimeSpan.FromMilliseconds(300);

    protected string Prefix { get; private set; } = "";

    [SetUp]
    public void SetUpNames() => Prefix = "compat-" + Guid.NewGuid().ToString("N")[..12];

    [TearDown]
    public void DisposeResources()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
            _disposables[i].Dispose();
        _disposables.Clear();
        if (_queues.Count == 0)
            return;
        using var connection = new Connection(Url);
        foreach (var name in _queues)
            new Queue(name).Bind(connection).Delete();
        _queues.Clear();
    }

    /// <summary>A connection closed after the test.</summary>
    protected Connection Connect() => Track(new Connection(Url));

    /// <summary>A unique entity name for this test.</summary>
    protected string Name(string suffix) => $"{Prefix}.{suffix}";

    /// <summary>Disposes <paramref name="item"/> after the test.</summary>
    protected T Track<T>(T item)
        where T : IDisposable
    {
        _disposables.Add(item);
        return item;
    }

    /// <summary>A unique queue name for this test, deleted after it.</summary>
    protected string QueueName(string suffix)
    {
        _queues.Add(Name(suffix));
        return Name(suffix);
    }

    /// <summary>A carrot-style publisher to this test's exchange with routing key <c>rk</c>.</summary>
    protected Publisher NewPublisher(Connection connection, string routingKey = "rk") =>
        Track(new Publisher(connection, exchange: Name("ex"), routingKey: routingKey, durable: false));

    /// <summary>A carrot-style consumer of a unique queue bound to this test's exchange with <paramref name="routingKey"/>.</summary>
    protected CompatConsumer NewConsumer(Connection connection, string suffix = "q", string routingKey = "rk",
        bool noAck = false, IEnumerable<Action<object?, Message>>? callbacks = null)
    {
        return Track(new CompatConsumer(connection, queue: QueueName(suffix), exchange: Name("ex"), routingKey: routingKey,
            durable: false, noAck: noAck, callbacks: callbacks));
    }

    /// <summary>Carrot's <c>fetch()</c> polling loop: fetches until a message arrives or the timeout passes.</summary>
    protected Message? FetchWithin(CompatConsumer consumer, TimeSpan timeout, bool enableCallbacks = false)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var message = consumer.Fetch(enableCallbacks: enableCallbacks);
            if (message is not null || DateTime.UtcNow >= deadline)
                return message;
            Thread.Sleep(20);
        }
    }

    /// <summary>Waits until this test's queues hold <paramref name="count"/> ready messages in all, failing after <see cref="DeliveryTimeout"/>.</summary>
    /// <param name="connection">The connection to ask on.</param>
    /// <param name="count">The number of ready messages expected.</param>
    /// <param name="suffixes">The queues' suffixes; <c>q</c> when none are given.</param>
    protected void WaitForReady(Connection connection, int count, params string[] suffixes)
    {
        var queues = (suffixes.Length == 0 ? ["q"] : suffixes).Select(s => new Queue(Name(s)).Bind(connection)).ToList();
        long Ready() => queues.Sum(q => q.QueueDeclare(passive: true).MessageCount);
        Until.True(() => Ready() == count, DeliveryTimeout, $"{count} ready messages in {string.Join(", ", queues.Select(q => q.Name))}",
            () => $"{Ready()} were ready.");
    }

    /// <summary>Publishes each body to this test's exchange with routing key <c>rk</c>.</summary>
    protected void SendAll(Connection connection, params object[] bodies)
    {
        using var publisher = new Publisher(connection, exchange: Name("ex"), routingKey: "rk", durable: false);
        foreach (var body in bodies)
            publisher.Send(body);
    }

    /// <summary>Fetches and acknowledges up to <paramref name="count"/> messages, returning their bodies.</summary>
    protected List<object?> Drain(CompatConsumer consumer, int count)
    {
        var bodies = new List<object?>();
        for (var i = 0; i < count && FetchWithin(consumer, DeliveryTimeout) is { } message; i++)
        {
            bodies.Add(message.Payload);
            message.Ack();
        }
        return bodies;
    }
}
