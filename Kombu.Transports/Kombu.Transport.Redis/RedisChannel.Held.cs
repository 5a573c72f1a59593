using Kombu.Serialization;
using Kombu.Transport.Virtual;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

// What a channel holds when it closes or restores: acknowledgements in flight, messages popped or prefetched but not
// delivered, messages delivered and not acknowledged. All of it is put back at once when Redis answers; when it does
// not, nothing waits: the transport keeps it for the next connection of this process to the same Redis (HeldMessages).
public sealed partial class RedisChannel
{
    private static readonly TimeSpan s_settleWait = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    /// <remarks>
    /// Settles the acknowledgements still in flight (those without a reply are sent again), unsubscribes, and puts the
    /// messages popped for this channel but not delivered back on their lists, in order and unmarked (prefetched ones
    /// only while their <c>unacked</c> record is there, so none is pushed twice), and deletes the channel's in-flight key.
    /// Waits for nothing when Redis is unreachable.
    /// </remarks>
    protected override async ValueTask OnClosingAsync(CancellationToken cancellationToken)
    {
        var wait = _transport.IsReachable ? Options.ReplyTimeout(s_settleWait) : TimeSpan.Zero;
        var unsettled = await _acks.SettleAsync(wait).ConfigureAwait(false);
        List<HeldMessage> held = [.. unsettled.Select(HeldMessage.Forget)];
        UnsubscribeAll();
        foreach (var (queue, buffered) in _ready)
        {
            if (_transport.FanoutQueues.ContainsKey(queue))
                continue;
            var popped = new List<string>();
            while (buffered.TryDequeue(out var raw))
                popped.Add(raw);
            // RPUSH newest first: the oldest ends up rightmost, where the next pop takes it.
            for (var i = popped.Count - 1; i >= 0; i--)
                held.Add(new HeldMessage(HeldAction.PushRight, Keys.QueueKey(queue, Keys.StepFor(PriorityOf(popped[i]))), "", popped[i]));
        }
        _ready.Clear();
        foreach (var queue in _prefetched.Keys)
            held.AddRange(TakePrefetched(queue, requeue: true));
        // The in-flight key goes too, unless a recovery that reads it may still wait to run (then it expires).
        if (Interlocked.Read(ref _popCalls) > 0 && !Volatile.Read(ref _recoveryQueued))
            held.Add(HeldMessage.DeleteInflight(_inflightKey));
        await _transport.PutBackAsync(held).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Kombu's <c>restore_by_tag</c> with RPUSH: the message is consumed next. When Redis is unreachable, the message is
    /// kept and pushed back onto the queue it was taken from by the next connection, if its <c>unacked</c> record is
    /// still there.
    /// </remarks>
    protected internal override ValueTask RestoreAsync(Envelope envelope, CancellationToken cancellationToken) =>
        RestoreOrKeepAsync(envelope, leftmost: false, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Kombu's <c>restore_by_tag(leftmost=True)</c>: LPUSH, so a requeued message is consumed last; kept as
    /// <see cref="RestoreAsync"/> keeps when Redis is unreachable.</remarks>
    protected internal override ValueTask RestoreAtBeginningAsync(Envelope envelope, CancellationToken cancellationToken) =>
        RestoreOrKeepAsync(envelope, leftmost: true, cancellationToken);

    private async ValueTask RestoreOrKeepAsync(Envelope envelope, bool leftmost, CancellationToken cancellationToken)
    {
        var tag = envelope.DeliveryTag;
        if (!_deliveredFrom.TryRemove(tag, out var source) && _lastPopped.Tag == tag)
            source = (_lastPopped.Queue, _lastPopped.Raw);
        if (_transport.IsReachable || source.Queue is null)
        {
            try
            {
                await RestoreByTagAsync(tag, envelope, leftmost, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or ObjectDisposedException
                or Kombu.Exceptions.KombuConnectionException)
            {
                if (source.Queue is null)
                    throw;
            }
        }
        var document = (IDictionary<string, object?>)KombuJson.Deserialize(source.Raw)!;
        MarkRedelivered(document);
        var action = Options.AckEmulation
            ? leftmost ? HeldAction.PushLeftIfRecorded : HeldAction.PushRightIfRecorded
            : leftmost ? HeldAction.PushLeft : HeldAction.PushRight;
        var key = Keys.QueueKey(source.Queue, Keys.StepFor(envelope.Priority));
        await _transport.PutBackAsync([new HeldMessage(action, key, tag, KombuJson.Serialize(document))]).ConfigureAwait(false);
    }
}
