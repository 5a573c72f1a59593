using System.Runtime.CompilerServices;
using Kombu.Common;
using Kombu.Utils;

namespace Kombu.Compat;

public abstract partial class ConsumerBase
{
    /// <summary>Starts consuming from every queue not consumed from yet.</summary>
    /// <param name="noAck">Skip acknowledgements; defaults to <see cref="NoAck"/>.</param>
    public void Consume(bool? noAck = null) => SyncOverAsync.Wait(ConsumeAsync(noAck));

    /// <inheritdoc cref="Consume"/>
    public ValueTask ConsumeAsync(bool? noAck = null, CancellationToken cancellationToken = default) =>
        Consumer.ConsumeAsync(noAck, cancellationToken);

    /// <summary>Whether the consumer is consuming from <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue name.</param>
    /// <returns><see langword="true"/> when a queue consumer is active on it.</returns>
    public bool ConsumingFrom(string queue) => Consumer.ConsumingFrom(queue);

    /// <inheritdoc cref="ConsumingFrom(string)"/>
    public bool ConsumingFrom(Queue queue) => Consumer.ConsumingFrom(queue);

    /// <summary>Ends every active queue consumer; already delivered messages are unaffected.</summary>
    public void Cancel() => SyncOverAsync.Wait(CancelAsync());

    /// <inheritdoc cref="Cancel"/>
    public ValueTask CancelAsync(CancellationToken cancellationToken = default) => Consumer.CancelAsync(cancellationToken);

    /// <summary>Cancels the consumer of one queue and stops tracking the queue.</summary>
    /// <param name="queue">The queue name.</param>
    public void CancelByQueue(string queue) => SyncOverAsync.Wait(CancelByQueueAsync(queue));

    /// <inheritdoc cref="CancelByQueue"/>
    public ValueTask CancelByQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        Consumer.CancelByQueueAsync(queue, cancellationToken);

    /// <summary>Removes every ready message from every queue; there is no undo.</summary>
    /// <returns>The number of messages removed.</returns>
    public long Purge() => SyncOverAsync.Wait(PurgeAsync());

    /// <inheritdoc cref="Purge"/>
    public ValueTask<long> PurgeAsync(CancellationToken cancellationToken = default) => Consumer.PurgeAsync(cancellationToken);

    /// <summary>Asks the broker to pause or resume sending messages.</summary>
    /// <param name="active">Resume (<see langword="true"/>) or pause.</param>
    public void Flow(bool active) => SyncOverAsync.Wait(FlowAsync(active));

    /// <inheritdoc cref="Flow"/>
    public ValueTask FlowAsync(bool active, CancellationToken cancellationToken = default) =>
        Consumer.FlowAsync(active, cancellationToken);

    /// <summary>Sets the prefetch window (ignored with no-ack).</summary>
    /// <param name="prefetchSize">Window in octets; 0 for no limit.</param>
    /// <param name="prefetchCount">Window in messages; 0 for no limit.</param>
    /// <param name="applyGlobal">Apply to the whole connection.</param>
    public void Qos(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false) =>
        SyncOverAsync.Wait(QosAsync(prefetchSize, prefetchCount, applyGlobal));

    /// <inheritdoc cref="Qos"/>
    public ValueTask QosAsync(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false,
        CancellationToken cancellationToken = default) =>
        Consumer.QosAsync(prefetchSize, prefetchCount, applyGlobal, cancellationToken);

    /// <summary>Redelivers the channel's unacknowledged messages.</summary>
    /// <param name="requeue">Let the broker give them to another consumer.</param>
    public void Recover(bool requeue = false) => SyncOverAsync.Wait(RecoverAsync(requeue));

    /// <inheritdoc cref="Recover"/>
    public ValueTask RecoverAsync(bool requeue = false, CancellationToken cancellationToken = default) =>
        Consumer.RecoverAsync(requeue, cancellationToken);

    /// <summary>Starts consuming, then drains the connection's events, yielding after each drain.</summary>
    /// <param name="limit">Most drains; <see langword="null"/> for no limit.</param>
    /// <param name="noAck">Skip acknowledgements; defaults to <see cref="NoAck"/>.</param>
    /// <param name="timeout">How long each drain waits; <see langword="null"/> waits forever (carrot's behaviour).</param>
    /// <returns>The number of each drain, from 0; callbacks have run for what the drain delivered.</returns>
    /// <exception cref="TimeoutException">A drain waited longer than <paramref name="timeout"/>.</exception>
    /// <remarks>Consuming starts on the first step of the enumeration. <paramref name="timeout"/> is not in carrot.</remarks>
    public IEnumerable<int> IterConsume(int? limit = null, bool? noAck = null, TimeSpan? timeout = null) =>
        SyncOverAsync.Enumerate(IterConsumeAsync(limit, noAck, timeout));

    /// <inheritdoc cref="IterConsume"/>
    public async IAsyncEnumerable<int> IterConsumeAsync(int? limit = null, bool? noAck = null, TimeSpan? timeout = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await ConsumeAsync(noAck, cancellationToken).ConfigureAwait(false);
        await foreach (var drain in EventLoop.RunAsync(Connection, limit, timeout, cancellationToken: cancellationToken)
            .ConfigureAwait(false))
            yield return drain;
    }
}
