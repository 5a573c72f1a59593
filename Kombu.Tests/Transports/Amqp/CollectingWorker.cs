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

    public override void OnConsumeReady(Connection connection, IChannel channel, IReadOnlyList<Consumer> consumers) =>
        Interlocked.Increment(ref Revivals);
}
