using System.Diagnostics;
using System.Globalization;
using System.Text;

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

    /// <summary>Renders the curves as a markdown table.</summary>
    /// <param name="rates">Each broker's rate per queue count, in <see cref="QueueCounts"/> order.</param>
    /// <param name="count">Messages per run.</param>
    /// <returns>Markdown text.</returns>
    public static string ToMarkdown(IReadOnlyList<(string Broker, double[] Rates)> rates, int count)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Consume with acks, one consumer, {count:N0} messages spread over N queues (msg/s; in brackets the cost per message relative to 1 queue):").AppendLine();
        text.AppendLine("| broker | " + string.Join(" | ", QueueCounts.Select(q => $"{q} queue{(q == 1 ? "" : "s")}")) + " | growth in queues |");
        text.AppendLine("| --- |" + string.Concat(QueueCounts.Select(_ => " ---: |")) + " --- |");
        foreach (var (broker, values) in rates)
        {
            var cells = values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v:N0}/s ({values[0] / v:0.00}×)"));
            text.AppendLine($"| {broker} | {string.Join(" | ", cells)} | {Growth(values)} |");
        }
        return text.ToString();
    }

    // Cost per message at 1,000 queues against 1: within 10× of one queue (a 1,000× range) is sublinear in queues.
    private static string Growth(double[] values)
    {
        var factor = values[0] / values[^1];
        return factor switch
        {
            < 2 => string.Create(CultureInfo.InvariantCulture, $"flat ({factor:0.0}× at 1,000 queues)"),
            < 100 => string.Create(CultureInfo.InvariantCulture, $"sublinear ({factor:0.0}× at 1,000 queues)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"linear or worse ({factor:0.0}× at 1,000 queues): a defect"),
        };
    }
}
