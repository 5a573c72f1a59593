using Kombu.Utils;
namespace Kombu;

public sealed partial class Consumer
{
    /// <summary>Starts consuming from every queue not consumed from yet.</summary>
    /// <param name="noAck">Skip acknowledgements; defaults to <see cref="NoAck"/>.</param>
    public void Consume(bool? noAck = null) => SyncOverAsync.Wait(ConsumeAsync(noAck));

    /// <inheritdoc cref="Consume"/>
    public async ValueTask ConsumeAsync(bool? noAck = null, CancellationToken cancellationToken = default)
    {
        foreach (var (queue, tag, nowait) in StartPending())
            await queue.ConsumeAsync(_onDelivery, tag, noAck ?? NoAck, nowait, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Assigns tags to queues not consumed from yet; only the last start waits for the broker.</summary>
    private List<(Queue Queue, string Tag, bool Nowait)> StartPending()
    {
        var pending = new List<(Queue, string, bool)>();
        for (var i = 0; i < _queues.Count; i++)
        {
            var queue = _queues[i];
            if (_activeTags.ContainsKey(queue.Name))
                continue;
            var tag = NewTag();
            _activeTags[queue.Name] = tag;
            pending.Add((queue, tag, i < _queues.Count - 1));
        }
        return pending;
    }

    /// <summary>Ends every active queue consumer; already delivered messages are unaffected.</summary>
    public void Cancel() => SyncOverAsync.Wait(CancelAsync());

    /// <inheritdoc cref="Cancel"/>
    public async ValueTask CancelAsync(CancellationToken cancellationToken = default)
    {
        foreach (var tag in _activeTags.Values)
            await Channel.BasicCancelAsync(tag, cancellationToken).ConfigureAwait(false);
        _activeTags.Clear();
    }

    /// <summary>Same as <see cref="Cancel"/>.</summary>
    public void Close() => Cancel();

    /// <summary>Cancels the consumer of one queue and stops tracking the queue.</summary>
    /// <param name="queue">The queue name.</param>
    public void CancelByQueue(string queue) => SyncOverAsync.Wait(CancelByQueueAsync(queue));

    /// <inheritdoc cref="CancelByQueue"/>
    public async ValueTask CancelByQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        if (_activeTags.Remove(queue, out var tag))
            await Channel.BasicCancelAsync(tag, cancellationToken).ConfigureAwait(false);
        _queues.RemoveAll(q => q.Name == queue);
    }

    /// <summary>Removes every ready message from every queue.</summary>
    /// <returns>The number of messages removed.</returns>
    public long Purge() => SyncOverAsync.Wait(PurgeAsync());

    /// <inheritdoc cref="Purge"/>
    public async ValueTask<long> PurgeAsync(CancellationToken cancellationToken = default)
    {
        long total = 0;
        foreach (var queue in _queues)
            total += await queue.PurgeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return total;
    }

    /// <summary>Asks the broker to pause or resume sending messages.</summary>
    /// <param name="active">Resume (<see langword="true"/>) or pause.</param>
    public void Flow(bool active) => SyncOverAsync.Wait(FlowAsync(active));

    /// <inheritdoc cref="Flow"/>
    public ValueTask FlowAsync(bool active, CancellationToken cancellationToken = default) =>
        Channel.FlowAsync(active, cancellationToken);

    /// <summary>Sets the prefetch window (ignored with no-ack).</summary>
    /// <param name="prefetchSize">Window in octets; 0 for no limit.</param>
    /// <param name="prefetchCount">Window in messages; 0 for no limit.</param>
    /// <param name="applyGlobal">Apply to the whole connection.</param>
    public void Qos(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false) =>
        SyncOverAsync.Wait(QosAsync(prefetchSize, prefetchCount, applyGlobal));

    /// <inheritdoc cref="Qos"/>
    public ValueTask QosAsync(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false,
        CancellationToken cancellationToken = default) =>
        Channel.BasicQosAsync(prefetchSize, prefetchCount, applyGlobal, cancellationToken);

    /// <summary>Redelivers the channel's unacknowledged messages.</summary>
    /// <param name="requeue">Let the broker give them to another consumer.</param>
    public void Recover(bool requeue = false) => SyncOverAsync.Wait(RecoverAsync(requeue));

    /// <inheritdoc cref="Recover"/>
    public ValueTask RecoverAsync(bool requeue = false, CancellationToken cancellationToken = default) =>
        Channel.BasicRecoverAsync(requeue, cancellationToken);
}
