using System.Diagnostics;

namespace Kombu.Bench;

/// <summary>
/// Publishes one message and drains it, over and over, on one thread: the cost of a message through the whole stack
/// (build, encode, route, store, deliver, decode, ack), with the bytes it allocates.
/// </summary>
public static class InterleavedRunner
{
    /// <summary>Sends <paramref name="count"/> messages one by one (after as many to warm up).</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="count">Messages to time.</param>
    /// <param name="rawBody">Send the encoded 100 bytes as they are (serializer <c>raw</c>) instead of a JSON dictionary.</param>
    /// <returns>Messages per second and bytes allocated per message on the calling thread.</returns>
    /// <exception cref="InvalidOperationException">A message was lost.</exception>
    public static (double Rate, double BytesPerMessage) Run(string url, int count, bool rawBody)
    {
        using var connection = new Connection(url);
        var queue = new Queue(BenchWork.QueueName("interleaved"), durable: false);
        long received = 0;
        using var consumer = connection.CreateConsumer([queue], callbacks: [(_, message) =>
        {
            received++;
            message.Ack();
        }], prefetchCount: 100);
        consumer.Consume();
        var producer = connection.CreateProducer(routingKey: queue.Name, serializer: rawBody ? "raw" : "json");
        object body = rawBody ? BenchBody.Encoded() : BenchBody.Create(0);
        Loop(connection, producer, body, count);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        Loop(connection, producer, body, count);
        var elapsed = watch.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (received != 2L * count)
            throw new InvalidOperationException($"interleaved: received {received} of {2L * count} messages");
        return (Rates.PerSecond(count, elapsed), (double)allocated / count);
    }

    private static void Loop(Connection connection, Producer producer, object body, int count)
    {
        for (var i = 0; i < count; i++)
        {
            producer.Publish(body);
            connection.DrainEvents(TimeSpan.FromSeconds(5));
        }
    }
}
