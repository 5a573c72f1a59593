using System.Diagnostics;
using StackExchange.Redis;

namespace Kombu.Bench;

/// <summary>Redis on 127.0.0.1:6379 (db 14): StackExchange.Redis LPUSH/RPOP as the raw driver; idle-consumer latency measured.</summary>
/// <remarks>
/// The raw run pushes and pops the bare body, one awaited command each (<see cref="RawPayload"/> says what it encodes). Ours keeps Kombu's wire format: an envelope per
/// message, and ack emulation (the prefetching pop recording the delivery in <c>unacked</c>/<c>unacked_index</c>, a script call removing it
/// on ack), which is what lets a Python peer restore a message whose consumer died.
/// </remarks>
public sealed class RedisSection : BrokerSection
{
    private const int Database = 14;

    /// <inheritdoc/>
    public override string Name => "redis";

    /// <inheritdoc/>
    public override int Order => 20;

    /// <inheritdoc/>
    public override string Url => $"redis://127.0.0.1:6379/{Database}";

    /// <inheritdoc/>
    public override string? RawDriver => "StackExchange.Redis 3";

    /// <inheritdoc/>
    public override bool HasConsumeLatency => true;

    /// <inheritdoc/>
    public override Task EnsureAvailableAsync() => EnsureListeningAsync(6379, "Redis", "bash tools/brokers/redis.sh start");

    /// <inheritdoc/>
    public override async Task<Rates?> RunRawAsync(BenchWork work, RawPayload payload)
    {
        var key = BenchWork.QueueName("raw");
        await using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:6379").ConfigureAwait(false);
        var db = redis.GetDatabase(Database);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < work.Count; i++)
            await db.ListLeftPushAsync(key, payload.Body(i)).ConfigureAwait(false);
        var publish = Rates.PerSecond(work.Count, watch.Elapsed);
        watch.Restart();
        for (var received = 0; received < work.Count;)
        {
            var popped = await db.ListRightPopAsync(key).ConfigureAwait(false);
            if (popped.IsNull)
                continue;
            payload.Receive(((ReadOnlyMemory<byte>)popped).Span);
            received++;
        }
        var consume = Rates.PerSecond(work.Count, watch.Elapsed);
        await db.KeyDeleteAsync(key).ConfigureAwait(false);
        return new Rates(publish, consume);
    }

    /// <inheritdoc/>
    public override async Task<double?> RunRawBatchAsync(BenchWork work, RawPayload payload, bool confirmed)
    {
        var key = BenchWork.QueueName("rawbatch");
        await using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:6379").ConfigureAwait(false);
        var db = redis.GetDatabase(Database);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < work.Count; start += work.Batch)
        {
            var values = new RedisValue[Math.Min(work.Batch, work.Count - start)];
            for (var i = 0; i < values.Length; i++)
                values[i] = payload.Body(start + i);
            await db.ListLeftPushAsync(key, values).ConfigureAwait(false);
        }
        var rate = Rates.PerSecond(work.Count, watch.Elapsed);
        await db.KeyDeleteAsync(key).ConfigureAwait(false);
        return rate;
    }
}
