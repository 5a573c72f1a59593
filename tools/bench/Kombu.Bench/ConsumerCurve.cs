using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Kombu.Bench;

/// <summary>
/// How consuming one queue grows with the number of consumers: 1, 4 and 16 consumers, each on its own connection and
/// thread (prefetch 100, acks), share the messages of one queue; the rate is all of them together.
/// </summary>
public static class ConsumerCurve
{
    /// <summary>The consumer counts measured.</summary>
    public static readonly int[] ConsumerCounts = [1, 4, 16];

    /// <summary>Measures every broker at every consumer count.</summary>
    /// <param name="sections">The brokers.</param>
    /// <param name="count">Messages per run.</param>
    /// <returns>The curve.</returns>
    public static Curve Measure(IReadOnlyList<BrokerSection> sections, int count)
    {
        List<CurveSeries> series = [];
        foreach (var section in sections)
        {
            Console.Error.WriteLine($"bench: {section.Name}: consume {count} messages of one queue with 1, 4, 16 consumers");
            Run(section.Url, 1, 1_000); // untimed: the JIT and the connection code warm
            series.Add(new CurveSeries($"{section.Name} ours", [.. ConsumerCounts.Select(c => (double?)Run(section.Url, c, count))]));
        }
        return new Curve(string.Create(CultureInfo.InvariantCulture,
                $"Consume with acks, {count:N0} messages of one queue shared by N consumers (one connection and thread each)"),
            "consumers", ConsumerCounts, [.. ConsumerCounts.Select(c => c.ToString(CultureInfo.InvariantCulture))], series);
    }

    /// <summary>Consumes <paramref name="count"/> messages of one queue with <paramref name="consumers"/> consumers.</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="consumers">How many consumers.</param>
    /// <param name="count">Messages in all.</param>
    /// <returns>Messages consumed per second by all consumers together.</returns>
    /// <exception cref="InvalidOperationException">A message was lost.</exception>
    public static double Run(string url, int consumers, int count)
    {
        var queue = new Queue(BenchWork.QueueName("consumers"), durable: false);
        using (var publisher = new Connection(url))
        {
            queue.Bind(publisher.DefaultChannel).Declare();
            var body = BenchBody.Create(0);
            publisher.CreateProducer(routingKey: queue.Name, serializer: "json")
                .PublishBatch(Enumerable.Repeat<object?>(body, count));
        }
        var received = new StrongBox<int>();
        var done = new ManualResetEventSlim();
        var watch = new Stopwatch();
        var threads = new List<Thread>();
        using var start = new Barrier(consumers + 1);
        for (var c = 0; c < consumers; c++)
        {
            var thread = new Thread(() => Consume(url, queue, count, start, received, done, watch)) { IsBackground = true };
            threads.Add(thread);
            thread.Start();
        }
        start.SignalAndWait();
        watch.Start();
        if (!done.Wait(TimeSpan.FromMinutes(2)))
            throw new InvalidOperationException($"consumers: received {Volatile.Read(ref received.Value)} of {count} messages");
        var rate = Rates.PerSecond(count, watch.Elapsed);
        foreach (var thread in threads)
            thread.Join();
        using (var cleanup = new Connection(url))
            queue.Bind(cleanup.DefaultChannel).Delete();
        return rate;
    }

    private static void Consume(string url, Queue queue, int count, Barrier start, StrongBox<int> received,
        ManualResetEventSlim done, Stopwatch watch)
    {
        using var connection = new Connection(url);
        using var consumer = connection.CreateConsumer([queue], callbacks: [(_, message) =>
        {
            message.Ack();
            if (Interlocked.Increment(ref received.Value) == count)
            {
                watch.Stop();
                done.Set();
            }
        }], prefetchCount: 100);
        consumer.Consume();
        start.SignalAndWait();
        while (!done.IsSet)
        {
            try
            {
                connection.DrainEvents(TimeSpan.FromMilliseconds(200));
            }
            catch (TimeoutException)
            {
                // The queue is empty for this consumer; the others may still be finishing.
            }
        }
        consumer.Cancel();
    }
}
