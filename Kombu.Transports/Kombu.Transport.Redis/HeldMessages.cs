using System.Collections.Concurrent;
using Kombu.Exceptions;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

/// <summary>
/// Puts held messages back on their lists in one script call, and keeps, per Redis store, the ones a closing channel
/// could not put back because Redis was unreachable, until the next connection of this process to that store.
/// </summary>
/// <remarks>
/// A recorded message (one with an <c>unacked</c> record) is pushed only if its record was still there, and the record
/// is removed in the same step: putting it back twice, or after a visibility sweep restored it, pushes it once. If the
/// process exits before it connects again, the records remain and the visibility sweep restores the messages, as after a
/// crash.
/// </remarks>
internal sealed class HeldMessages
{
    // KEYS: unacked, unacked_index, then one list (or in-flight key) per message. ARGV: per message its action and tag
    // (the call number for 'i'), then its payload; 'd' deletes an in-flight key. An in-flight key holds the call number, then for each message recorded
    // by that pop its tag, list and length as stored: its unacked entry starts with '[' and the document. Returns how
    // many messages were pushed.
    private const string ApplyScript = """
        local pushed = 0
        for i = 3, #KEYS do
          local n = (i - 3) * 3
          local action, tag, payload = ARGV[n + 1], ARGV[n + 2], ARGV[n + 3]
          if action == 'i' then
            local flight = redis.call('LRANGE', KEYS[i], 0, -1)
            if flight[1] == tag then
              for j = #flight - 2, 2, -3 do
                local entry = redis.call('HGET', KEYS[1], flight[j])
                if entry then
                  redis.call('HDEL', KEYS[1], flight[j])
                  redis.call('ZREM', KEYS[2], flight[j])
                  redis.call('RPUSH', flight[j + 1], string.sub(entry, 2, tonumber(flight[j + 2]) + 1))
                  pushed = pushed + 1
                end
              end
              redis.call('DEL', KEYS[i])
            end
          elseif action == 'd' then
            redis.call('DEL', KEYS[i])
          else
            local push = action == 'r' or action == 'l'
            if action ~= 'r' and action ~= 'l' then
              local had = redis.call('HDEL', KEYS[1], tag)
              redis.call('ZREM', KEYS[2], tag)
              push = had == 1 and (action == 'R' or action == 'L')
            end
            if push then
              if action == 'r' or action == 'R' then redis.call('RPUSH', KEYS[i], payload) else redis.call('LPUSH', KEYS[i], payload) end
              pushed = pushed + 1
            end
          end
        end
        return pushed
        """;

    private const int BatchSize = 256;

    private static readonly ConcurrentDictionary<string, HeldMessages> s_stores = new(StringComparer.Ordinal);

    private readonly ConcurrentQueue<HeldMessage> _waiting = new();

    /// <summary>The messages kept for the store named <paramref name="store"/>.</summary>
    /// <param name="store">Identifies a Redis store: server (or Sentinel service), database and key names.</param>
    /// <returns>The store's kept messages.</returns>
    public static HeldMessages For(string store) => s_stores.GetOrAdd(store, static _ => new HeldMessages());

    /// <summary>How many messages are kept.</summary>
    public int Count => _waiting.Count;

    /// <summary>Keeps messages until they can be put back.</summary>
    /// <param name="messages">The messages, in the order to apply them.</param>
    public void Keep(IEnumerable<HeldMessage> messages)
    {
        foreach (var message in messages)
            _waiting.Enqueue(message);
    }

    /// <summary>Takes every kept message.</summary>
    /// <returns>The messages, in the order they were kept.</returns>
    public List<HeldMessage> TakeAll()
    {
        var taken = new List<HeldMessage>(_waiting.Count);
        while (_waiting.TryDequeue(out var message))
            taken.Add(message);
        return taken;
    }

    /// <summary>Puts messages back (or forgets their records), in order; keeps what Redis could not be reached for.</summary>
    /// <param name="db">The database.</param>
    /// <param name="keys">The key names of the store.</param>
    /// <param name="messages">The messages.</param>
    /// <param name="wait">How long each script call may take before Redis counts as unreachable.</param>
    /// <returns>How many messages were pushed, and how many were kept for the next connection.</returns>
    /// <exception cref="RedisServerException">Redis refused the script; nothing of the failed call is kept.</exception>
    public async Task<(long Pushed, int Kept)> PutBackAsync(IDatabaseAsync db, RedisKeyspace keys,
        IReadOnlyList<HeldMessage> messages, TimeSpan wait)
    {
        long pushed = 0;
        for (var start = 0; start < messages.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, messages.Count - start);
            try
            {
                pushed += await RedisReplies.GuardAsync(ApplyAsync(db, keys, messages, start, count)).WaitAsync(wait).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or TimeoutException
                or ObjectDisposedException or KombuConnectionException)
            {
                // The call may still run later: recorded messages are then pushed once all the same.
                Keep(messages.Skip(start));
                return (pushed, messages.Count - start);
            }
        }
        return (pushed, 0);
    }

    private static async Task<long> ApplyAsync(IDatabaseAsync db, RedisKeyspace keys, IReadOnlyList<HeldMessage> messages,
        int start, int count)
    {
        var scriptKeys = new RedisKey[count + 2];
        var args = new RedisValue[count * 3];
        scriptKeys[0] = keys.Unacked;
        scriptKeys[1] = keys.UnackedIndex;
        for (var i = 0; i < count; i++)
        {
            var message = messages[start + i];
            scriptKeys[i + 2] = message.Action == HeldAction.Forget ? keys.Unacked : message.Key;
            args[i * 3] = message.Action switch
            {
                HeldAction.PushRight => "r",
                HeldAction.PushLeft => "l",
                HeldAction.PushRightIfRecorded => "R",
                HeldAction.PushLeftIfRecorded => "L",
                HeldAction.RecoverInflight => "i",
                HeldAction.DeleteInflight => "d",
                _ => "f",
            };
            args[(i * 3) + 1] = message.Tag;
            args[(i * 3) + 2] = message.Payload;
        }
        return (long)await db.ScriptEvaluateAsync(ApplyScript, scriptKeys, args).ConfigureAwait(false);
    }
}
