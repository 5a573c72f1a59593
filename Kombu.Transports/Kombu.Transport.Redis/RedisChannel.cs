using System.Collections.Concurrent;
using Kombu.Transport.Virtual;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

/// <summary>A virtual channel whose queues are Redis lists, on Kombu's Redis layout (wire format §5).</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.redis.Channel</c>. Messages are LPUSHed onto <c>queue</c> (or <c>queue\x06\x16{step}</c>
/// for priorities) and popped from the right; bindings are <c>_kombu.binding.*</c> sets; deliveries are recorded in
/// the <c>unacked</c> hash and <c>unacked_index</c> zset until acknowledged.
/// </remarks>
public sealed partial class RedisChannel : VirtualChannel
{
    private readonly RedisTransport _transport;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _ready = new(StringComparer.Ordinal);
    private readonly PipelinedAcks _acks = new();
    private readonly ConcurrentDictionary<string, (string Queue, string Raw)> _deliveredFrom = new(StringComparer.Ordinal);
    private readonly string _inflightKey;
    private Popped _lastPopped = new("", "", "", false);
    private long _restoreVisibleCalls;
    private long _popCalls;
    private bool _recoveryQueued;

    internal RedisChannel(RedisTransport transport) : base(transport)
    {
        _transport = transport;
        _inflightKey = transport.Keys.InflightKey(Guid.NewGuid().ToString("N"));
    }

    private IDatabase Db => _transport.Db;

    private RedisKeyspace Keys => _transport.Keys;

    private RedisTransportOptions Options => _transport.Options;

    /// <inheritdoc/>
    protected override async ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken)
    {
        string? raw;
        if (_ready.TryGetValue(queue, out var buffered) && buffered.TryDequeue(out var ready))
            raw = ready;
        else if (IsSubscribed(queue))
            return null;
        else
            raw = await PopAsync(queue).ConfigureAwait(false);
        return raw is null ? null : await ReadAsync(queue, raw, recorded: false).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>A server that stopped being the master (<c>READONLY</c>, <c>NOREPLICAS</c>…) raises a connection error, so a retrying publish goes on.</remarks>
    protected override ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken) =>
        new(RedisReplies.GuardAsync(Db.ListLeftPushAsync(Keys.QueueKey(queue, Keys.StepFor(envelope.Priority)), EnvelopeJson.Serialize(envelope))));

    /// <inheritdoc/>
    /// <remarks>One <c>LPUSH</c> of every message per priority list, all sent together: one round trip per batch.</remarks>
    protected override async ValueTask PutBatchAsync(string queue, IReadOnlyList<Envelope> envelopes,
        CancellationToken cancellationToken)
    {
        var lists = new Dictionary<string, List<RedisValue>>(StringComparer.Ordinal);
        foreach (var envelope in envelopes)
        {
            var key = Keys.QueueKey(queue, Keys.StepFor(envelope.Priority));
            if (!lists.TryGetValue(key, out var values))
                lists[key] = values = new List<RedisValue>(envelopes.Count);
            values.Add(EnvelopeJson.Serialize(envelope));
        }
        var batch = Db.CreateBatch();
        var pushes = lists.Select(l => batch.ListLeftPushAsync(l.Key, [.. l.Value])).ToArray();
        batch.Execute();
        await RedisReplies.GuardAsync(Task.WhenAll(pushes)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask<long> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        var keys = Keys.PriorityKeys(queue);
        var batch = Db.CreateBatch();
        var sizes = keys.Select(k => batch.ListLengthAsync(k)).ToArray();
        var deletes = keys.Select(k => batch.KeyDeleteAsync(k)).ToArray();
        batch.Execute();
        await RedisReplies.GuardAsync(Task.WhenAll(deletes)).ConfigureAwait(false);
        long total = 0;
        foreach (var size in sizes)
            total += await size.ConfigureAwait(false);
        return total;
    }

    /// <inheritdoc/>
    protected override async ValueTask<long> SizeAsync(string queue, CancellationToken cancellationToken)
    {
        var batch = Db.CreateBatch();
        var sizes = Keys.PriorityKeys(queue).Select(k => batch.ListLengthAsync(k)).ToArray();
        batch.Execute();
        long total = 0;
        foreach (var size in sizes)
            total += await size.ConfigureAwait(false);
        return total;
    }

    /// <inheritdoc/>
    protected override async ValueTask DeleteAsync(string queue, CancellationToken cancellationToken)
    {
        _ready.TryRemove(queue, out _);
        await _transport.PutBackAsync(TakePrefetched(queue, requeue: false)).ConfigureAwait(false);
        await RedisReplies.GuardAsync(Db.KeyDeleteAsync(Keys.PriorityKeys(queue).Select(k => (RedisKey)k).ToArray())).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Checks the priority lists with <c>EXISTS</c>. Kombu does not prefix these keys with
    /// <c>global_keyprefix</c> (so its passive declare never finds prefixed queues); this port does.</remarks>
    protected override async ValueTask<bool> HasQueueAsync(string queue, CancellationToken cancellationToken) =>
        await RedisReplies.GuardAsync(Db.KeyExistsAsync(Keys.PriorityKeys(queue).Select(k => (RedisKey)k).ToArray())).ConfigureAwait(false) > 0;

    /// <summary>Hands a message popped by the transport's blocking pop (or received on Pub/Sub) to this channel.</summary>
    internal void Enqueue(string queue, string raw) =>
        _ready.GetOrAdd(queue, static _ => new ConcurrentQueue<string>()).Enqueue(raw);

    /// <summary>Whether a message is waiting in this channel (popped or prefetched) for a queue it consumes.</summary>
    internal bool HasBuffered()
    {
        foreach (var pair in _ready)
        {
            if (!pair.Value.IsEmpty)
                return true;
        }
        return Volatile.Read(ref _prefetchedCount) > 0;
    }

    /// <summary>Whether the messages of <paramref name="queue"/> are taken with the recording pop (acknowledgements, ack emulation, Redis 7).</summary>
    internal bool TakesWithRecordingPop(string queue) =>
        Options.AckEmulation && _transport.SupportsLmpop && ConsumesWithAcknowledgements(queue);

    /// <summary>The queues this channel consumes from Redis lists (fanout queues excluded), when QoS allows.</summary>
    internal IEnumerable<string> ListQueues()
    {
        if (!IsOpen || !QoS.CanConsume())
            yield break;
        foreach (var queue in ActiveQueues)
        {
            if (!IsSubscribed(queue))
                yield return queue;
        }
    }

    private async Task<string?> PopAsync(string queue)
    {
        var keys = Keys.PriorityKeys(queue);
        if (_transport.SupportsLmpop)
        {
            var popped = await RedisReplies.GuardAsync(Db.ListRightPopAsync(keys.Select(k => (RedisKey)k).ToArray(), 1)).ConfigureAwait(false);
            return popped.IsNull ? null : (string?)popped.Values[0];
        }
        foreach (var key in keys)
        {
            var value = await RedisReplies.GuardAsync(Db.ListRightPopAsync(key)).ConfigureAwait(false);
            if (!value.IsNull)
                return value;
        }
        return null;
    }
}
