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
    /// <param name="body">What is sent and how it is read.</param>
    /// <returns>Messages per second and bytes allocated per message on the calling thread.</returns>
    /// <exception cref="InvalidOperationException">A message was lost.</exception>
    public static (double Rate, double BytesPerMessage) Run(string url, int count, InterleavedBody body)
    {
        using var connection = new Connection(url);
        var queue = new Queue(BenchWork.QueueName("interleaved"), durable: false);
        long received = 0;
        void Received(Message message)
        {
            if (body == InterleavedBody.JsonTyped && message.Decode(BenchJsonContext.Default.BenchRecord) is null)
                throw new InvalidOperationException("interleaved: a typed body decoded to null");
            received++;
            message.Ack();
        }
        using var consumer = body == InterleavedBody.JsonTyped
            ? connection.CreateConsumer([queue], onMessage: Received, prefetchCount: 100)
            : connection.CreateConsumer([queue], callbacks: [(_, message) => Received(message)], prefetchCount: 100);
        consumer.Consume();
        var producer = connection.CreateProducer(routingKey: queue.Name, serializer: body == InterleavedBody.RawBytes ? "raw" : "json");
        var dictionary = BenchBody.Create(0);
        var record = new BenchRecord(0, "bench", (string)dictionary["pad"]!);
        var bytes = BenchBody.Encoded();
        Action publish = body switch
        {
            InterleavedBody.JsonTyped => () => producer.Publish(record, BenchJsonContext.Default.BenchRecord),
            InterleavedBody.RawBytes => () => producer.Publish(bytes),
            _ => () => producer.Publish(dictionary),
        };
        Loop(connection, publish, count);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        Loop(connection, publish, count);
        var elapsed = watch.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (received != 2L * count)
            throw new InvalidOperationException($"interleaved: received {received} of {2L * count} messages");
        return (Rates.PerSecond(count, elapsed), (double)allocated / count);
    }

    private static void Loop(Connection connection, Action publish, int count)
    {
        for (var i = 0; i < count; i++)
        {
            publish();
            connection.DrainEvents(TimeSpan.FromSeconds(5));
        }
    }
}
