using System.Collections.Concurrent;
using System.Globalization;
using Kombu.Transport.Virtual;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

// Consuming with a prefetch window: one script call pops up to the window from a queue's first non-empty priority list
// and records every popped message in unacked/unacked_index (the entry a delivery writes), so each later delivery
// costs no round trip and each message costs one (its ack), as raw RPOP does. Records use Kombu's format, so a Python
// peer's visibility sweep restores them if this process dies.
public sealed partial class RedisChannel
{
    // KEYS: the priority lists in polling order, then unacked and unacked_index. ARGV: count, now, record (1/0).
    // Returns raw1, recorded1, raw2, recorded2, …; a message is recorded when it carries a string delivery tag.
    private const string PopAndRecordScript = """
        local lists = #KEYS - 2
        for i = 1, lists do
          local popped = redis.call('RPOP', KEYS[i], ARGV[1])
          if popped then
            local out = {}
            for _, raw in ipairs(popped) do
              local recorded = 0
              if ARGV[3] == '1' then
                local ok, doc = pcall(cjson.decode, raw)
                local props = ok and type(doc) == 'table' and doc['properties']
                local tag = type(props) == 'table' and props['delivery_tag']
                if type(tag) == 'string' then
                  local info = props['delivery_info']
                  local ex, rk = '', ''
                  if type(info) == 'table' then
                    if type(info['exchange']) == 'string' then ex = info['exchange'] end
                    if type(info['routing_key']) == 'string' then rk = info['routing_key'] end
                  end
                  redis.call('ZADD', KEYS[lists + 2], ARGV[2], tag)
                  redis.call('HSET', KEYS[lists + 1], tag, '[' .. raw .. ', ' .. cjson.encode(ex) .. ', ' .. cjson.encode(rk) .. ']')
                  recorded = 1
                end
              end
              out[#out + 1] = raw
              out[#out + 1] = recorded
            end
            return out
          end
        end
        return false
        """;

    /// <summary>The most messages one prefetching pop takes.</summary>
    private const int MaxPrefetchBatch = 100;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Raw, bool Recorded)>> _prefetched = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    /// <remarks>
    /// With a prefetch window above one (and Redis 7), pops up to the window in one call and records the deliveries
    /// at once; messages a blocking pop already took, fanout queues and no-ack consumers go through
    /// <see cref="GetAsync"/>.
    /// </remarks>
    protected override async ValueTask<Envelope?> GetForConsumerAsync(string queue, bool noAck, CancellationToken cancellationToken)
    {
        if (_prefetched.TryGetValue(queue, out var pending) && pending.TryDequeue(out var next))
            return Remember(next.Raw, next.Recorded);
        // Messages waiting here for other queues count against the window: when they fill it, this queue waits.
        var window = QoS.CanConsumeMaxEstimate() is { } limit ? Math.Min(limit - PrefetchedCount(), MaxPrefetchBatch) : 1;
        if (window <= 0 && !noAck)
            return null;
        if (noAck || window == 1 || !_transport.SupportsLmpop || IsSubscribed(queue) || HasReady(queue))
            return await GetAsync(queue, cancellationToken).ConfigureAwait(false);
        var keys = Keys.PriorityKeys(queue);
        var scriptKeys = new RedisKey[keys.Length + 2];
        for (var i = 0; i < keys.Length; i++)
            scriptKeys[i] = keys[i];
        scriptKeys[^2] = Keys.Unacked;
        scriptKeys[^1] = Keys.UnackedIndex;
        RedisValue[] args =
        [
            window,
            UnixNow().ToString("R", CultureInfo.InvariantCulture),
            Options.AckEmulation ? "1" : "0",
        ];
        var result = await Db.ScriptEvaluateAsync(PopAndRecordScript, scriptKeys, args).ConfigureAwait(false);
        if (result.IsNull || result.Resp2Type != ResultType.Array)
            return null;
        var items = (RedisResult[])result!;
        if (items.Length == 0)
            return null;
        if (items.Length > 2)
        {
            var queued = _prefetched.GetOrAdd(queue, static _ => new ConcurrentQueue<(string, bool)>());
            for (var i = 2; i < items.Length; i += 2)
                queued.Enqueue(((string)items[i]!, (int)items[i + 1] == 1));
        }
        return Remember((string)items[0]!, (int)items[1] == 1);
    }

    /// <summary>Puts the messages prefetched for queues this channel no longer consumes with acknowledgements back.</summary>
    private async ValueTask ReleaseUnwantedPrefetchAsync()
    {
        foreach (var queue in _prefetched.Keys)
        {
            if (!ConsumesWithAcknowledgements(queue))
                await ReleasePrefetchedAsync(queue, requeue: true).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes a queue's prefetched, undelivered messages out of this channel: forgets their <c>unacked</c> records and,
    /// with <paramref name="requeue"/>, pushes them back so they are consumed next, in their order, unmarked.
    /// </summary>
    private async ValueTask ReleasePrefetchedAsync(string queue, bool requeue)
    {
        if (!_prefetched.TryRemove(queue, out var pending) || pending.IsEmpty)
            return;
        var messages = pending.ToArray();
        var transaction = Db.CreateTransaction();
        // RPUSH newest first: the oldest ends up rightmost, where the next pop takes it.
        for (var i = messages.Length - 1; i >= 0; i--)
        {
            var (raw, recorded) = messages[i];
            var envelope = EnvelopeJson.Deserialize(raw);
            if (recorded)
            {
                _ = transaction.SortedSetRemoveAsync(Keys.UnackedIndex, envelope.DeliveryTag);
                _ = transaction.HashDeleteAsync(Keys.Unacked, envelope.DeliveryTag);
            }
            if (requeue)
                _ = transaction.ListRightPushAsync(Keys.QueueKey(queue, Keys.StepFor(envelope.Priority)), raw);
        }
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    private int PrefetchedCount()
    {
        var count = 0;
        foreach (var pending in _prefetched.Values)
            count += pending.Count;
        return count;
    }

    private bool HasReady(string queue) => _ready.TryGetValue(queue, out var ready) && !ready.IsEmpty;

    private Envelope Remember(string raw, bool recorded)
    {
        var envelope = EnvelopeJson.Deserialize(raw);
        _lastPopped = (envelope.DeliveryTag, raw, recorded);
        return envelope;
    }
}
