using System.Diagnostics;
using System.Globalization;

namespace Kombu.Bench;

/// <summary>
/// How consuming grows with the number of queues one consumer reads: the same messages spread over 1, 10, 100 and
/// 1,000 queues, consumed with acks, as a table of rates and of the cost per message relative to one queue.
/// </summary>
public static class QueueCurve
{
    /// <summary>The queue counts measured.</summary>
    public static readonly int[] QueueCounts = [1, 10, 100, 1000];

    /// <summary>Consumes <paramref name="count"/> messages spread over <paramref name="queueCount"/> queues.</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="queueCount">How many queues the consumer reads.</param>
    /// <param name="count">Messages in all.</param>
    /// <returns>Messages consumed per second.</returns>
    /// <exception cref="InvalidOperationException">A message was lost.</exception>
    public static double Run(string url, int queueCount, int count)
    {
        using var connection = new Connection(url);
        var prefix = BenchWork.QueueName("curve");
        var queues = Enumerable.Range(0, queueCount).Select(i => new Queue($"{prefix}.{i}", durable: false)).ToList();
        foreach (var queue in queues)
            queue.Bind(connection.DefaultChannel).Declare();
        var producer = connection.CreateProducer(serializer: "json");
        var body = BenchBody.Create(0);
        var perQueue = count / queueCount;
        foreach (var queue in queues)
            producer.PublishBatch(Enumerable.Repeat<object?>(body, perQueue), routingKey: queue.Name);
        var expected = perQueue * queueCount;
        var received = 0;
        using var consumer = connection.CreateConsumer(queues, callbacks: [(_, message) =>
        {
            received++;
            message.Ack();
        }], prefetchCount: 100);
        var watch = Stopwatch.StartNew();
        consumer.Consume();
        while (received < expected)
            connection.DrainEvents(TimeSpan.FromSeconds(30));
        var rate = Rates.PerSecond(expected, watch.Elapsed);
        consumer.Cancel();
        foreach (var queue in queues)
            queue.Bind(connection.DefaultChannel).Delete();
        return rate;
    }

    /// <summary>Measures every broker at every queue count.</summary>
    /// <param name="sections">The brokers.</param>
    /// <param name="count">Messages per run.</param>
    /// <returns>The curve.</returns>
    public static Curve Measure(IReadOnlyList<BrokerSection> sections, int count)
    {
        List<CurveSeries> series = [];
        foreach (var section in sections)
        {
            Console.Error.WriteLine($"bench: {section.Name}: consume {count} messages over 1 to 1,000 queues");
            Run(section.Url, 1, 1_000); // untimed: the JIT and the connection code warm
            series.Add(new CurveSeries($"{section.Name} ours", [.. QueueCounts.Select(q => (double?)Run(section.Url, q, count))]));
        }
        return new Curve(string.Create(CultureInfo.InvariantCulture,
                $"Consume with acks, one consumer, {count:N0} messages spread over N queues"),
            "queues", QueueCounts, [.. QueueCounts.Select(q => q.ToString("N0", CultureInfo.InvariantCulture))], series);
    }
}
