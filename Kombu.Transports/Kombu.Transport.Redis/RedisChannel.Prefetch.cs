using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Kombu.Exceptions;
using Kombu.Serialization;
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
            return await ReadAsync(queue, next.Raw, next.Recorded).ConfigureAwait(false);
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
        var result = await RedisReplies.GuardAsync(Db.ScriptEvaluateAsync(PopAndRecordScript, scriptKeys, args)).ConfigureAwait(false);
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
        return await ReadAsync(queue, (string)items[0]!, (int)items[1] == 1).ConfigureAwait(false);
    }

    /// <summary>Puts back the messages prefetched for queues this channel no longer consumes with acknowledgements.</summary>
    private async ValueTask ReleaseUnwantedPrefetchAsync()
    {
        List<HeldMessage> held = [];
        foreach (var queue in _prefetched.Keys)
        {
            if (!ConsumesWithAcknowledgements(queue))
                held.AddRange(TakePrefetched(queue, requeue: true));
        }
        await _transport.PutBackAsync(held).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes a queue's prefetched, undelivered messages out of this channel, as the steps that forget their
    /// <c>unacked</c> records and, with <paramref name="requeue"/>, push them back to be consumed next, in their order,
    /// unmarked.
    /// </summary>
    private List<HeldMessage> TakePrefetched(string queue, bool requeue)
    {
        if (!_prefetched.TryRemove(queue, out var pending) || pending.IsEmpty)
            return [];
        var messages = pending.ToArray();
        var held = new List<HeldMessage>(messages.Length);
        // RPUSH newest first: the oldest ends up rightmost, where the next pop takes it.
        for (var i = messages.Length - 1; i >= 0; i--)
        {
            var (raw, recorded) = messages[i];
            var tag = recorded ? TagOf(raw) : "";
            if (!requeue)
            {
                if (tag.Length > 0)
                    held.Add(HeldMessage.Forget(tag));
                continue;
            }
            var key = Keys.QueueKey(queue, Keys.StepFor(PriorityOf(raw)));
            held.Add(new HeldMessage(tag.Length > 0 ? HeldAction.PushRightIfRecorded : HeldAction.PushRight, key, tag, raw));
        }
        return held;
    }

    private int PrefetchedCount()
    {
        var count = 0;
        foreach (var pending in _prefetched.Values)
            count += pending.Count;
        return count;
    }

    private bool HasReady(string queue) => _ready.TryGetValue(queue, out var ready) && !ready.IsEmpty;

    // Reads a taken message. An entry that is not an envelope is moved to the queue's undeliverable list (its record
    // forgotten) and raised as InvalidEnvelopeException, which the consumer's decode-error handler receives.
    private async ValueTask<Envelope> ReadAsync(string queue, string raw, bool recorded)
    {
        Envelope envelope;
        try
        {
            envelope = EnvelopeJson.Deserialize(raw);
        }
        catch (DecodeException ex)
        {
            var keptIn = Keys.UndeliverableKey(queue);
            var tag = recorded ? TagOf(raw) : "";
            List<HeldMessage> steps = [new HeldMessage(HeldAction.PushLeft, keptIn, "", raw)];
            if (tag.Length > 0)
                steps.Add(HeldMessage.Forget(tag));
            await _transport.PutBackAsync(steps).ConfigureAwait(false);
            RedisLog.SetAside(_transport.Log, ex, queue, keptIn);
            throw new InvalidEnvelopeException(queue, Encoding.UTF8.GetBytes(raw), keptIn, ex);
        }
        _lastPopped = new Popped(envelope.DeliveryTag, queue, raw, recorded);
        return envelope;
    }

    // The delivery tag of a stored document, or empty when it has none (a malformed entry).
    private static string TagOf(string raw) =>
        TryDocument(raw) is { } document && document.TryGetValue("properties", out var p) && p is IDictionary<string, object?> properties
            && properties.TryGetValue("delivery_tag", out var tag) && tag is string text
            ? text
            : "";

    // The priority a stored document was published with (0 for a malformed entry, which the next read sets aside).
    private static int PriorityOf(string raw)
    {
        try
        {
            return EnvelopeJson.Deserialize(raw).Priority;
        }
        catch (DecodeException)
        {
            return 0;
        }
    }

    private static IDictionary<string, object?>? TryDocument(string raw)
    {
        try
        {
            return KombuJson.Deserialize(raw) as IDictionary<string, object?>;
        }
        catch (DecodeException)
        {
            return null;
        }
    }
}
