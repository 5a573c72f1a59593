using System.Diagnostics;

namespace Kombu.Bench;

/// <summary>Runs the work through our Producer and Consumer, on any broker URL.</summary>
public static class OursRunner
{
    /// <summary>Publishes then consumes <see cref="BenchWork.Count"/> messages (the consumer acks each one).</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="work">The work.</param>
    /// <param name="preEncoded">
    /// Publish these bytes as every body, with a content type given, and consume with <c>on_message</c> (no decoding),
    /// as <see cref="RawPayload.Bytes"/> does; otherwise each message's body is serialized and decoded, as in Kombu.
    /// </param>
    /// <returns>The rates.</returns>
    /// <exception cref="InvalidOperationException">A message was lost or duplicated.</exception>
    public static Rates Run(string url, BenchWork work, byte[]? preEncoded = null)
    {
        var queue = new Queue(BenchWork.QueueName("ours"));
        using var connection = new Connection(url);
        var bodies = new Dictionary<string, object?>[work.Count];
        for (var i = 0; i < bodies.Length; i++)
            bodies[i] = BenchBody.Create(i);
        var producer = connection.CreateProducer(routingKey: queue.Name, serializer: "json");
        queue.Bind(connection.DefaultChannel).Declare();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < bodies.Length; i++)
        {
            if (preEncoded is not null)
                producer.Publish(preEncoded, contentType: "application/json", contentEncoding: "utf-8");
            else
                producer.Publish(bodies[i]);
        }
        var publish = Rates.PerSecond(work.Count, watch.Elapsed);
        WaitForReady(queue.Bind(connection.DefaultChannel), work.Count);

        var received = 0;
        void Received(Message message)
        {
            received++;
            message.Ack();
        }
        using var consumer = preEncoded is not null
            ? connection.CreateConsumer([queue], onMessage: Received, prefetchCount: work.Prefetch)
            : connection.CreateConsumer([queue], callbacks: [(_, message) => Received(message)], prefetchCount: work.Prefetch);
        watch.Restart();
        consumer.Consume();
        while (received < work.Count)
            connection.DrainEvents(TimeSpan.FromSeconds(30));
        var consume = Rates.PerSecond(work.Count, watch.Elapsed);
        consumer.Cancel();
        queue.Bind(connection.DefaultChannel).Delete();
        if (received != work.Count)
            throw new InvalidOperationException($"ours: received {received} of {work.Count} messages");
        return new Rates(publish, consume);
    }

    /// <summary>Publishes <see cref="BenchWork.Count"/> messages with <see cref="Producer.PublishAsync"/>, awaiting each.</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="work">The work.</param>
    /// <returns>Messages per second.</returns>
    public static async Task<double> RunPublishAsync(string url, BenchWork work)
    {
        var queue = new Queue(BenchWork.QueueName("oursasync"));
        using var connection = new Connection(url);
        var bodies = new Dictionary<string, object?>[work.Count];
        for (var i = 0; i < bodies.Length; i++)
            bodies[i] = BenchBody.Create(i);
        var producer = connection.CreateProducer(routingKey: queue.Name, serializer: "json");
        queue.Bind(connection.DefaultChannel).Declare();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < bodies.Length; i++)
            await producer.PublishAsync(bodies[i]).ConfigureAwait(false);
        var rate = Rates.PerSecond(work.Count, watch.Elapsed);
        queue.Bind(connection.DefaultChannel).Delete();
        return rate;
    }

    /// <summary>Publishes <see cref="BenchWork.Count"/> messages with <see cref="Producer.PublishBatch"/>,
    /// <see cref="BenchWork.Batch"/> at a time.</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="work">The work.</param>
    /// <param name="confirmed">Whether to turn on <c>confirm_publish</c>.</param>
    /// <returns>Messages per second.</returns>
    public static double RunBatch(string url, BenchWork work, bool confirmed)
    {
        var queue = new Queue(BenchWork.QueueName("oursbatch"));
        using var connection = confirmed
            ? new Connection(url, transportOptions: new Dictionary<string, object?> { ["confirm_publish"] = true })
            : new Connection(url);
        var bodies = new object?[work.Count];
        for (var i = 0; i < bodies.Length; i++)
            bodies[i] = BenchBody.Create(i);
        var producer = connection.CreateProducer(routingKey: queue.Name, serializer: "json");
        queue.Bind(connection.DefaultChannel).Declare();
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < bodies.Length; start += work.Batch)
            producer.PublishBatch(new ArraySegment<object?>(bodies, start, Math.Min(work.Batch, bodies.Length - start)));
        var rate = Rates.PerSecond(work.Count, watch.Elapsed);
        queue.Bind(connection.DefaultChannel).Delete();
        return rate;
    }

    /// <summary>Waits until the broker counts every published message as ready, so consuming starts from a full queue.</summary>
    private static void WaitForReady(Queue queue, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (queue.QueueDeclare(passive: true).MessageCount < count && deadline.Elapsed < TimeSpan.FromSeconds(60))
            Thread.Sleep(20);
    }

    /// <summary>Publishes <see cref="BenchWork.ConfirmCount"/> messages with <c>confirm_publish</c> on.</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="work">The work.</param>
    /// <returns>Messages per second.</returns>
    public static double RunConfirmed(string url, BenchWork work)
    {
        var queue = new Queue(BenchWork.QueueName("oursconfirm"));
        using var connection = new Connection(url, transportOptions: new Dictionary<string, object?> { ["confirm_publish"] = true });
        var producer = connection.CreateProducer(routingKey: queue.Name, serializer: "json");
        queue.Bind(connection.DefaultChannel).Declare();
        var body = BenchBody.Create(0);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < work.ConfirmCount; i++)
            producer.Publish(body);
        var rate = Rates.PerSecond(work.ConfirmCount, watch.Elapsed);
        queue.Bind(connection.DefaultChannel).Delete();
        return rate;
    }
}
