using System.Diagnostics;

namespace Kombu.Bench;

/// <summary>Measures how long a message takes from Publish to the consumer's callback, with the consumer idle and waiting.</summary>
public static class LatencyRunner
{
    /// <summary>Publishes <paramref name="samples"/> messages one at a time and returns the p50 and p99 latency in milliseconds.</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="samples">How many messages to time.</param>
    /// <returns>The 50th and 99th percentile, in milliseconds.</returns>
    public static (double P50, double P99) Run(string url, int samples)
    {
        using var consumerConnection = new Connection(url);
        using var producerConnection = new Connection(url);
        var queue = new Queue(BenchWork.QueueName("latency"), durable: false).Bind(consumerConnection.DefaultChannel);
        queue.Declare();
        var latencies = new List<double>(samples);
        long sent = 0;
        using var arrived = new SemaphoreSlim(0);
        using var consumer = consumerConnection.CreateConsumer([queue], noAck: true, onMessage: _ =>
        {
            latencies.Add(Stopwatch.GetElapsedTime(Interlocked.Read(ref sent)).TotalMilliseconds);
            arrived.Release();
        });
        consumer.Consume();
        var stop = false;
        var drain = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                try
                {
                    consumerConnection.DrainEvents(TimeSpan.FromMilliseconds(200));
                }
                catch (TimeoutException)
                {
                }
            }
        });
        drain.Start();
        var producer = producerConnection.CreateProducer();
        var body = BenchBody.Create(0);
        for (var i = 0; i < samples; i++)
        {
            Thread.Sleep(2);
            Interlocked.Exchange(ref sent, Stopwatch.GetTimestamp());
            producer.Publish(body, routingKey: queue.Name, serializer: "json");
            if (!arrived.Wait(TimeSpan.FromSeconds(10)))
                throw new TimeoutException($"message {i} did not arrive within 10 s");
        }
        Volatile.Write(ref stop, true);
        drain.Join();
        queue.Delete();
        latencies.Sort();
        return (latencies[latencies.Count / 2], latencies[Math.Min(latencies.Count - 1, latencies.Count * 99 / 100)]);
    }
}
