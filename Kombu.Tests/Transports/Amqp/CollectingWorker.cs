using System.Collections.Concurrent;
using Kombu.Mixins;
using Kombu.Transport;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>A ConsumerMixin that acknowledges and records every body it receives from one queue.</summary>
internal sealed class CollectingWorker(Connection connection, Queue queue) : ConsumerMixin
{
    public ConcurrentDictionary<long, int> Received { get; } = new();

    public int Revivals;

    public override Connection Connection => connection;

    public override IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel) =>
        [factory([queue], [(body, message) => { Received.AddOrUpdate((long)body!, 1, (_, n) => n + 1); message.Ack(); }],
            accept: ["json"], prefetchCount: 10)];

    /// <summary>The host of each session's connection, in order (a failover URL moves it along).</summary>
    public ConcurrentQueue<string> Hosts { get; } = new();

    public override void OnConsumeReady(Connection connection, IChannel channel, IReadOnlyList<Consumer> consumers)
    {
        Hosts.Enqueue(connection.Host);
        Interlocked.Increment(ref Revivals);
    }
}
