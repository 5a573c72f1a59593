using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Kombu.Exceptions;
using Kombu.Serialization;
using Kombu.Transport.Virtual;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

// Consuming with acknowledgements: one script call pops up to the prefetch window (one message without a window) and
// records every popped message in unacked/unacked_index (the entry a delivery writes), so each later delivery costs no
// round trip and each message costs one (its ack), as raw RPOP does, and no message is ever off its list yet
// unrecorded. Records use Kombu's format, so a Python peer's visibility sweep restores them if this process dies. The
// call also writes what it recorded into the channel's in-flight key (a key of this port's, which Python never reads),
// so when its reply is lost (a link reset, a server shut down) those messages are put back at once, by this connection
// or the next, instead of waiting in unacked for the visibility timeout. With many queues the call takes from the queue being polled and from those the fair cycle
// polls next, an equal share each, so that the window is not spent on one queue while the others cost a round trip
// per message; queues the call found empty are skipped until the cycle comes round again.
public sealed partial class RedisChannel
{
    // KEYS: each queue's priority lists in polling order (ARGV[4] lists a queue), then unacked, unacked_index and the
    // channel's in-flight key. ARGV: most per queue, now, record (1/0), lists per queue, most in all, about the most
    // bytes in all, this call's number, the in-flight key's lifetime in seconds. The in-flight key is rewritten when the
    // call records a message: the call number, then tag, list and length of each message recorded.
    // Returns the number of queues tried, then queue index (0-based), raw, recorded for each message popped; a message
    // is recorded when it carries a string delivery tag. A large message is decoded without its body (cut out as long
    // as it holds no escaped character, as base64 never does): cjson reads ~50 MB/s, and a 1 MB body kept Redis busy
    // for 30 ms. Once the bytes left cover ten times the largest message seen, it pops ten at a time; the JSON of each
    // exchange and routing key is encoded once per call (encoding them per message cost ~3 µs of Redis time).
    private const string PopAndRecordScript = """
        local function without_body(raw)
          if #raw > 4096 then
            local s, e = string.find(raw, '"body": ?"')
            if s then
              local close = string.find(raw, '"', e + 1, true)
              if close and string.byte(raw, close - 1) ~= 92 then
                return string.sub(raw, 1, e) .. string.sub(raw, close)
              end
            end
          end
          return raw
        end
        local steps = tonumber(ARGV[4])
        local queues = (#KEYS - 3) / steps
        local per = tonumber(ARGV[1])
        local record = ARGV[3] == '1'
        local left = tonumber(ARGV[5])
        local bytes = tonumber(ARGV[6])
        local unacked, index = KEYS[#KEYS - 2], KEYS[#KEYS - 1]
        local out, n = {0}, 1
        local flight, f = {ARGV[7]}, 1
        local json = {}
        local largest = 0
        for q = 1, queues do
          if left <= 0 or bytes <= 0 then break end
          out[1] = q
          local taken = 0
          for s = 1, steps do
            local key = KEYS[(q - 1) * steps + s]
            while taken < per and left > 0 and bytes > 0 do
              local count = 1
              if largest > 0 and bytes >= largest * 10 then count = math.min(10, per - taken, left) end
              local popped = redis.call('RPOP', key, count)
              if not popped then break end
              for _, raw in ipairs(popped) do
                local recorded = 0
                if record then
                  local ok, doc = pcall(cjson.decode, without_body(raw))
                  local props = ok and type(doc) == 'table' and doc['properties']
                  local tag = type(props) == 'table' and props['delivery_tag']
                  if type(tag) == 'string' then
                    local info = props['delivery_info']
                    local ex, rk = '', ''
                    if type(info) == 'table' then
                      if type(info['exchange']) == 'string' then ex = info['exchange'] end
                      if type(info['routing_key']) == 'string' then rk = info['routing_key'] end
                    end
                    local exj, rkj = json[ex], json[rk]
                    if not exj then exj = cjson.encode(ex); json[ex] = exj end
                    if not rkj then rkj = cjson.encode(rk); json[rk] = rkj end
                    redis.call('ZADD', index, ARGV[2], tag)
                    redis.call('HSET', unacked, tag, '[' .. raw .. ', ' .. exj .. ', ' .. rkj .. ']')
                    flight[f + 1], flight[f + 2], flight[f + 3] = tag, key, #raw
                    f = f + 3
                    recorded = 1
                  end
                end
                out[n + 1], out[n + 2], out[n + 3] = q - 1, raw, recorded
                n = n + 3
                taken = taken + 1
                left = left - 1
                bytes = bytes - #raw
                if #raw > largest then largest = #raw end
              end
            end
            if taken > 0 then break end
          end
        end
        if f > 1 then
          redis.call('DEL', KEYS[#KEYS])
          redis.call('RPUSH', KEYS[#KEYS], unpack(flight))
          redis.call('EXPIRE', KEYS[#KEYS], ARGV[8])
        end
        return out
        """;

    /// <summary>About the most bytes one prefetching pop takes (at least one message): a call stays short with large bodies.</summary>
    private const int MaxPrefetchBytes = 1024 * 1024;

    /// <summary>The most messages one prefetching pop takes.</summary>
    private const int MaxPrefetchBatch = 100;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Raw, bool Recorded)>> _prefetched = new(StringComparer.Ordinal);
    private readonly HashSet<string> _foundEmpty = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _foundEmptyIn;
    private int _lastPolledIndex = -1;
    private int _prefetchedCount;

    /// <inheritdoc/>
    /// <remarks>
    /// With acknowledgements (and Redis 7), pops up to the prefetch window (one message without one) in one call, from
    /// this queue and the queues polled after it, and records the deliveries at once; when the call's reply is lost,
    /// what it recorded is put back (see <see cref="HeldAction.RecoverInflight"/>). Messages a blocking pop already
    /// took, fanout queues and no-ack consumers go through <see cref="GetAsync"/>.
    /// </remarks>
    protected override async ValueTask<Envelope?> GetForConsumerAsync(string queue, bool noAck, CancellationToken cancellationToken)
    {
        if (_prefetched.TryGetValue(queue, out var pending) && pending.TryDequeue(out var next))
        {
            Interlocked.Decrement(ref _prefetchedCount);
            return await ReadAsync(queue, next.Raw, next.Recorded).ConfigureAwait(false);
        }
        // Messages waiting here for other queues count against the window: when they fill it, this queue waits.
        var window = QoS.CanConsumeMaxEstimate() is { } limit ? Math.Min(limit - Volatile.Read(ref _prefetchedCount), MaxPrefetchBatch) : 1;
        if (window <= 0 && !noAck)
            return null;
        if (noAck || !_transport.SupportsLmpop || IsSubscribed(queue) || HasReady(queue))
            return await GetAsync(queue, cancellationToken).ConfigureAwait(false);
        var queues = PrefetchQueues(queue, window);
        if (queues.Count == 0)
            return null;
        var steps = Keys.Steps.Count;
        var scriptKeys = new RedisKey[queues.Count * steps + 3];
        for (var q = 0; q < queues.Count; q++)
        {
            for (var s = 0; s < steps; s++)
                scriptKeys[q * steps + s] = Keys.QueueKey(queues[q], Keys.Steps[s]);
        }
        scriptKeys[^3] = Keys.Unacked;
        scriptKeys[^2] = Keys.UnackedIndex;
        scriptKeys[^1] = _inflightKey;
        var call = Interlocked.Increment(ref _popCalls).ToString(CultureInfo.InvariantCulture);
        RedisValue[] args =
        [
            Math.Max(1, window / queues.Count),
            UnixNow().ToString("R", CultureInfo.InvariantCulture),
            Options.AckEmulation ? "1" : "0",
            steps,
            window,
            MaxPrefetchBytes,
            call,
            Math.Max(1, (long)Math.Ceiling(Options.VisibilityTimeout.TotalSeconds)),
        ];
        RedisResult result;
        try
        {
            result = await RedisReplies.GuardAsync(Db.ScriptEvaluateAsync(PopAndRecordScript, scriptKeys, args)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or ObjectDisposedException
            or KombuConnectionException)
        {
            // The call may have popped and recorded messages whose reply never came: put them back now, or on the next
            // connection when Redis is unreachable (a no-op when the in-flight key is not this call's).
            if (Options.AckEmulation)
            {
                Volatile.Write(ref _recoveryQueued, true);
                await _transport.PutBackAsync([HeldMessage.RecoverInflight(_inflightKey, call)]).ConfigureAwait(false);
            }
            throw;
        }
        if (result.IsNull || result.Resp2Type != ResultType.Array)
            return null;
        var items = (RedisResult[])result!;
        (string Raw, bool Recorded)? first = null;
        var tried = (int)items[0];
        var yielded = new bool[queues.Count];
        for (var i = 1; i + 2 < items.Length; i += 3)
        {
            var index = (int)items[i];
            yielded[index] = true;
            var message = ((string)items[i + 1]!, (int)items[i + 2] == 1);
            if (index == 0 && first is null)
            {
                first = message;
                continue;
            }
            _prefetched.GetOrAdd(queues[index], static _ => new ConcurrentQueue<(string, bool)>()).Enqueue(message);
            Interlocked.Increment(ref _prefetchedCount);
        }
        lock (_foundEmpty)
        {
            for (var q = 0; q < tried; q++)
            {
                if (!yielded[q])
                    _foundEmpty.Add(queues[q]);
            }
        }
        return first is { } taken ? await ReadAsync(queue, taken.Raw, taken.Recorded).ConfigureAwait(false) : null;
    }

    // The queues one prefetching pop takes from: this one, then those after it in the fair cycle's order (consumed with
    // acknowledgements from lists, nothing waiting here for them, not found empty since the cycle last came round), at
    // most window in all. Empty when this queue was found empty in this round of the cycle.
    private List<string> PrefetchQueues(string queue, int window)
    {
        var active = ActiveQueues;
        var at = IndexOf(active, queue);
        lock (_foundEmpty)
        {
            // A new round of the cycle (it wrapped, or the consumed queues changed) looks at every queue again.
            if (!ReferenceEquals(active, _foundEmptyIn) || at <= _lastPolledIndex)
            {
                _foundEmpty.Clear();
                _foundEmptyIn = active;
            }
            _lastPolledIndex = at;
            if (_foundEmpty.Contains(queue))
                return [];
        }
        List<string> queues = [queue];
        for (var step = 1; step < active.Count && queues.Count < window; step++)
        {
            var other = active[(at + step) % active.Count];
            bool skip;
            lock (_foundEmpty)
                skip = _foundEmpty.Contains(other);
            if (!skip && !IsSubscribed(other) && !HasReady(other) && !HasPrefetched(other) && ConsumesWithAcknowledgements(other))
                queues.Add(other);
        }
        return queues;
    }

    private static int IndexOf(IReadOnlyList<string> queues, string queue)
    {
        for (var i = 0; i < queues.Count; i++)
        {
            if (string.Equals(queues[i], queue, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    private bool HasPrefetched(string queue) => _prefetched.TryGetValue(queue, out var pending) && !pending.IsEmpty;

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
        Interlocked.Add(ref _prefetchedCount, -messages.Length);
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
