using System.Collections.Concurrent;
using System.Diagnostics;
using Kombu.Mixins;
using Kombu.Transport;

namespace Kombu.Tests.Transports.Redis;

/// <summary>A ConsumerMixin that acknowledges and counts every body (a number) it receives from one queue.</summary>
internal sealed class RedisWorker(Connection connection, Queue queue, int prefetchCount) : ConsumerMixin
{
    private long _lastDelivery;

    /// <summary>How many times each body arrived.</summary>
    public ConcurrentDictionary<long, int> Received { get; } = new();

    /// <summary>How many sessions were opened (1 plus the reconnections).</summary>
    public int Sessions;

    /// <summary>How long the callback works on each message before acknowledging it.</summary>
    public TimeSpan WorkTime { get; init; }

    public override Connection Connection => connection;

    /// <summary>When the last message arrived (a <see cref="Stopwatch"/> timestamp).</summary>
    public long LastDelivery => Interlocked.Read(ref _lastDelivery);

    /// <summary>How many bodies arrived more than once.</summary>
    public int Duplicates => Received.Values.Count(n => n > 1);

    public override IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel) =>
        [factory([queue], [OnBody], accept: ["json"], prefetchCount: prefetchCount)];

    public override void OnConsumeReady(Connection connection, IChannel channel, IReadOnlyList<Consumer> consumers) =>
        Interlocked.Increment(ref Sessions);

    private void OnBody(object? body, Message message)
    {
        Interlocked.Exchange(ref _lastDelivery, Stopwatch.GetTimestamp());
        if (WorkTime > TimeSpan.Zero)
            Thread.Sleep(WorkTime);
        Received.AddOrUpdate((long)body!, 1, (_, n) => n + 1);
        message.Ack();
    }
}
