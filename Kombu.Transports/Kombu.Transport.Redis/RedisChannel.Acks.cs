using Kombu.Serialization;
using Kombu.Transport.Virtual;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

public sealed partial class RedisChannel
{
    // KEYS: unacked_index, unacked. ARGV: the delivery tag. One command instead of MULTI/ZREM/HDEL/EXEC: a quarter of
    // the commands and replies for the client to write and read per message, and as atomic.
    private const string ForgetScript = "redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('HDEL', KEYS[2], ARGV[1])";

    private const string ReleaseLockScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    /// <inheritdoc/>
    /// <remarks>
    /// <c>MULTI; ZADD unacked_index {now} {tag}; HSET unacked {tag} [envelope, exchange, routing_key]; EXEC</c>; nothing
    /// for a message a prefetching pop already recorded.
    /// </remarks>
    protected override async ValueTask OnDeliveredAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        var tag = envelope.DeliveryTag;
        var popped = _lastPopped;
        if (popped.Tag == tag)
            _deliveredFrom[tag] = (popped.Queue, popped.Raw);
        if (!Options.AckEmulation || (popped.Recorded && popped.Tag == tag))
            return;
        var raw = popped.Tag == tag ? popped.Raw : EnvelopeJson.Serialize(envelope);
        var entry = "[" + raw + ", " + KombuJson.Serialize(envelope.Exchange) + ", " + KombuJson.Serialize(envelope.RoutingKey) + "]";
        var transaction = Db.CreateTransaction();
        _ = transaction.SortedSetAddAsync(Keys.UnackedIndex, tag, UnixNow());
        _ = transaction.HashSetAsync(Keys.Unacked, tag, entry);
        await RedisReplies.GuardAsync(transaction.ExecuteAsync()).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <c>ZREM unacked_index {tag}; HDEL unacked {tag}</c> in one script call (Kombu sends them in a MULTI), sent without waiting for the reply
    /// (<see cref="PipelinedAcks"/>): a failure is raised by the next acknowledgement or when the channel closes.
    /// </remarks>
    protected override ValueTask OnSettledAsync(string deliveryTag, CancellationToken cancellationToken)
    {
        _deliveredFrom.TryRemove(deliveryTag, out _);
        if (!Options.AckEmulation)
            return default;
        return _acks.TrackAsync(deliveryTag, Db.ScriptEvaluateAsync(ForgetScript, [Keys.UnackedIndex, Keys.Unacked], [deliveryTag]));
    }

    /// <summary>Restores deliveries older than the visibility timeout, under the <c>unacked_mutex</c> lock.</summary>
    /// <param name="start">How many of the oldest expired deliveries to skip.</param>
    /// <param name="num">The most deliveries to restore, or <see langword="null"/> for all.</param>
    /// <param name="interval">Only every <paramref name="interval"/>-th call does the work (the first one does).</param>
    /// <returns>How many deliveries were restored; 0 when this call was skipped or another consumer holds the lock.</returns>
    /// <remarks>
    /// Kombu's <c>QoS.restore_visible(start=0, num=10, interval=10)</c>; any consumer of any process may run it. The
    /// transport's own sweep calls it every <c>unacked_restore_interval</c> with <c>num</c> =
    /// <c>unacked_restore_limit</c> and <c>interval</c> = 1.
    /// </remarks>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async ValueTask<int> RestoreVisibleAsync(int start = 0, int? num = 10, int interval = 10,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interval);
        if ((Interlocked.Increment(ref _restoreVisibleCalls) - 1) % interval != 0 || !Options.AckEmulation)
            return 0;
        var token = Guid.NewGuid().ToString("N");
        if (!await RedisReplies.GuardAsync(Db.StringSetAsync(Keys.UnackedMutex, token, Options.UnackedMutexExpire, When.NotExists)).ConfigureAwait(false))
            return 0;
        try
        {
            // Kombu's zrevrangebyscore(index, ceil, 0, start=num and start, num=num): newest expired first.
            var ceiling = UnixNow() - Options.VisibilityTimeout.TotalSeconds;
            var expired = await Db.SortedSetRangeByScoreWithScoresAsync(Keys.UnackedIndex, 0, ceiling, Exclude.None,
                Order.Descending, num is null ? 0 : start, num ?? -1).ConfigureAwait(false);
            foreach (var entry in expired)
                await RestoreByTagAsync(entry.Element!, null, leftmost: false, cancellationToken).ConfigureAwait(false);
            return expired.Length;
        }
        finally
        {
            await Db.ScriptEvaluateAsync(ReleaseLockScript, [Keys.UnackedMutex], [token]).ConfigureAwait(false);
        }
    }

    /// <summary>Puts a delivery back: reads it from <c>unacked</c> (or takes <paramref name="fallback"/>), marks it redelivered, and pushes it onto every queue its exchange and routing key reach, in one transaction.</summary>
    private async ValueTask RestoreByTagAsync(string tag, Envelope? fallback, bool leftmost, CancellationToken cancellationToken)
    {
        var stored = Options.AckEmulation ? (string?)await RedisReplies.GuardAsync(Db.HashGetAsync(Keys.Unacked, tag)).ConfigureAwait(false) : null;
        IDictionary<string, object?> document;
        string exchange, routingKey;
        if (stored is not null && KombuJson.Deserialize(stored) is IList<object?> { Count: >= 3 } entry
            && entry[0] is IDictionary<string, object?> storedDocument)
        {
            document = storedDocument;
            exchange = entry[1] as string ?? "";
            routingKey = entry[2] as string ?? "";
        }
        else if (fallback is not null)
        {
            document = EnvelopeJson.ToDocument(fallback);
            exchange = fallback.Exchange;
            routingKey = fallback.RoutingKey;
        }
        else
        {
            stored = null;
            document = new Dictionary<string, object?>();
            exchange = routingKey = "";
        }
        var transaction = Db.CreateTransaction();
        if (stored is not null)
            transaction.AddCondition(Condition.HashEqual(Keys.Unacked, tag, stored));
        _ = transaction.SortedSetRemoveAsync(Keys.UnackedIndex, tag);
        _ = transaction.HashDeleteAsync(Keys.Unacked, tag);
        if (document.Count > 0)
        {
            MarkRedelivered(document);
            var payload = KombuJson.Serialize(document);
            var step = Keys.StepFor(PriorityOf(document));
            foreach (var queue in await LookupAsync(exchange, routingKey, fallback?.Headers, cancellationToken).ConfigureAwait(false))
            {
                var key = Keys.QueueKey(queue, step);
                _ = leftmost ? transaction.ListLeftPushAsync(key, payload) : transaction.ListRightPushAsync(key, payload);
            }
        }
        await RedisReplies.GuardAsync(transaction.ExecuteAsync()).ConfigureAwait(false);
    }

    private static void MarkRedelivered(IDictionary<string, object?> document)
    {
        if (document.TryGetValue("headers", out var headers) && headers is IDictionary<string, object?> h)
            h["redelivered"] = true;
        if (document.TryGetValue("properties", out var properties) && properties is IDictionary<string, object?> p
            && p.TryGetValue("delivery_info", out var info) && info is IDictionary<string, object?> d)
        {
            d["redelivered"] = true;
        }
    }

    private static int PriorityOf(IDictionary<string, object?> document)
    {
        if (document.TryGetValue("properties", out var properties) && properties is IDictionary<string, object?> p
            && p.TryGetValue("priority", out var priority))
        {
            try
            {
                return Convert.ToInt32(priority, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                return 0;
            }
        }
        return 0;
    }

    private static double UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
