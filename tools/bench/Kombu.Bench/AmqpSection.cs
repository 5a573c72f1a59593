using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Kombu.Bench;

/// <summary>RabbitMQ on 127.0.0.1:5672: RabbitMQ.Client 7 directly as the raw driver, confirms and pidbox measured.</summary>
public sealed class AmqpSection : BrokerSection
{
    private static readonly ConnectionFactory s_factory = new() { HostName = "127.0.0.1", Port = 5672, UserName = "guest", Password = "guest" };

    /// <inheritdoc/>
    public override string Name => "amqp";

    /// <inheritdoc/>
    public override int Order => 10;

    /// <inheritdoc/>
    public override string Url => "amqp://guest:guest@127.0.0.1:5672//";

    /// <inheritdoc/>
    public override string? RawDriver => "RabbitMQ.Client 7";

    /// <inheritdoc/>
    public override bool HasConfirms => true;

    /// <inheritdoc/>
    public override bool HasPidbox => true;

    /// <inheritdoc/>
    public override Task EnsureAvailableAsync() => EnsureListeningAsync(5672, "RabbitMQ", "bash tools/brokers/rabbitmq.sh start");

    /// <inheritdoc/>
    public override async Task<Rates?> RunRawAsync(BenchWork work, RawPayload payload)
    {
        var queue = BenchWork.QueueName("raw");
        await using var connection = await s_factory.CreateConnectionAsync().ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync().ConfigureAwait(false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false).ConfigureAwait(false);
        var props = new BasicProperties { ContentType = "application/json", ContentEncoding = "utf-8", DeliveryMode = DeliveryModes.Persistent };
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < work.Count; i++)
            await channel.BasicPublishAsync("", queue, false, props, payload.Body(i)).ConfigureAwait(false);
        var publish = Rates.PerSecond(work.Count, watch.Elapsed);
        await WaitForReadyAsync(channel, queue, work.Count).ConfigureAwait(false);

        await channel.BasicQosAsync(0, (ushort)work.Prefetch, false).ConfigureAwait(false);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            payload.Receive(delivery.Body.Span);
            await channel.BasicAckAsync(delivery.DeliveryTag, false).ConfigureAwait(false);
            if (++received == work.Count)
                done.TrySetResult();
        };
        watch.Restart();
        await channel.BasicConsumeAsync(queue, false, consumer).ConfigureAwait(false);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        var consume = Rates.PerSecond(work.Count, watch.Elapsed);
        await channel.QueueDeleteAsync(queue).ConfigureAwait(false);
        return new Rates(publish, consume);
    }

    /// <inheritdoc/>
    public override async Task<double?> RunRawConfirmedAsync(BenchWork work, RawPayload payload)
    {
        var queue = BenchWork.QueueName("rawconfirm");
        await using var connection = await s_factory.CreateConnectionAsync().ConfigureAwait(false);
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await connection.CreateChannelAsync(options).ConfigureAwait(false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false).ConfigureAwait(false);
        var props = new BasicProperties { ContentType = "application/json", ContentEncoding = "utf-8", DeliveryMode = DeliveryModes.Persistent };
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < work.ConfirmCount; i++)
            await channel.BasicPublishAsync("", queue, false, props, payload.Body(i)).ConfigureAwait(false);
        var rate = Rates.PerSecond(work.ConfirmCount, watch.Elapsed);
        await channel.QueueDeleteAsync(queue).ConfigureAwait(false);
        return rate;
    }

    /// <inheritdoc/>
    public override async Task<double?> RunRawBatchAsync(BenchWork work, RawPayload payload, bool confirmed)
    {
        var queue = BenchWork.QueueName("rawbatch");
        await using var connection = await s_factory.CreateConnectionAsync().ConfigureAwait(false);
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: confirmed, publisherConfirmationTrackingEnabled: confirmed);
        await using var channel = await connection.CreateChannelAsync(options).ConfigureAwait(false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false).ConfigureAwait(false);
        var props = new BasicProperties { ContentType = "application/json", ContentEncoding = "utf-8", DeliveryMode = DeliveryModes.Persistent };
        var pending = new List<Task>(work.Batch);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < work.Count; start += work.Batch)
        {
            pending.Clear();
            for (var i = start; i < Math.Min(start + work.Batch, work.Count); i++)
                pending.Add(channel.BasicPublishAsync("", queue, false, props, payload.Body(i)).AsTask());
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        var rate = Rates.PerSecond(work.Count, watch.Elapsed);
        await channel.QueueDeleteAsync(queue).ConfigureAwait(false);
        return rate;
    }

    /// <inheritdoc/>
    public override async Task<(double P50, double P99)?> RunRawRoundTripAsync(int calls)
    {
        var requests = BenchWork.QueueName("rawrpc");
        await using var connection = await s_factory.CreateConnectionAsync().ConfigureAwait(false);
        await using var server = await connection.CreateChannelAsync().ConfigureAwait(false);
        await using var client = await connection.CreateChannelAsync().ConfigureAwait(false);
        await server.QueueDeclareAsync(requests, durable: false, exclusive: false, autoDelete: true).ConfigureAwait(false);
        var replies = (await client.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true).ConfigureAwait(false)).QueueName;
        var body = BenchBody.Encoded();
        var responder = new AsyncEventingBasicConsumer(server);
        responder.ReceivedAsync += (_, request) =>
            server.BasicPublishAsync("", request.BasicProperties.ReplyTo!, false, new BasicProperties(), body).AsTask();
        await server.BasicConsumeAsync(requests, true, responder).ConfigureAwait(false);
        TaskCompletionSource? pending = null;
        var caller = new AsyncEventingBasicConsumer(client);
        caller.ReceivedAsync += (_, _) =>
        {
            pending!.TrySetResult();
            return Task.CompletedTask;
        };
        await client.BasicConsumeAsync(replies, true, caller).ConfigureAwait(false);
        var props = new BasicProperties { ReplyTo = replies };
        var samples = new double[calls];
        for (var i = -20; i < calls; i++)
        {
            pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = Stopwatch.GetTimestamp();
            await client.BasicPublishAsync("", requests, false, props, body).ConfigureAwait(false);
            await pending.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            if (i >= 0)
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        return (PidboxRunner.Percentile(samples, 0.50), PidboxRunner.Percentile(samples, 0.99));
    }

    /// <summary>Waits until the broker counts every published message as ready, so consuming starts from a full queue.</summary>
    internal static async Task WaitForReadyAsync(IChannel channel, string queue, int count)
    {
        var deadline = Stopwatch.StartNew();
        while ((await channel.QueueDeclarePassiveAsync(queue).ConfigureAwait(false)).MessageCount < count &&
               deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
