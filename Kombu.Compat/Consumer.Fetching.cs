using System.Runtime.CompilerServices;
using Kombu.Utils;

namespace Kombu.Compat;

public sealed partial class Consumer
{
    /// <summary>Fetches one message from the queue with <c>basic_get</c>, if there is one.</summary>
    /// <param name="noAck">Skip acknowledgement; defaults to <see cref="ConsumerBase.NoAck"/>.</param>
    /// <param name="enableCallbacks">Pass the message to the registered callbacks.</param>
    /// <returns>The message, or <see langword="null"/> when the queue is empty.</returns>
    /// <exception cref="InvalidOperationException">The consumer has no queue left, or callbacks are enabled and none is registered.</exception>
    public Message? Fetch(bool? noAck = null, bool enableCallbacks = false) =>
        SyncOverAsync.Wait(FetchAsync(noAck, enableCallbacks));

    /// <inheritdoc cref="Fetch"/>
    public async ValueTask<Message?> FetchAsync(bool? noAck = null, bool enableCallbacks = false,
        CancellationToken cancellationToken = default)
    {
        var message = await FirstQueue().GetAsync(noAck ?? NoAck, Consumer.Accept, cancellationToken).ConfigureAwait(false);
        if (message is not null && enableCallbacks)
            await ReceiveAsync(message.Payload, message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <summary>Fetches one message and passes it to the registered callbacks.</summary>
    /// <returns>The message, or <see langword="null"/> when the queue is empty.</returns>
    /// <exception cref="InvalidOperationException">A message arrived and no callback is registered.</exception>
    /// <remarks>Carrot's <c>process_next</c>; Kombu 2.2 raises NotImplementedError and points to <c>fetch(enable_callbacks=True)</c>, which this is.</remarks>
    public Message? ProcessNext() => SyncOverAsync.Wait(ProcessNextAsync());

    /// <inheritdoc cref="ProcessNext"/>
    public ValueTask<Message?> ProcessNextAsync(CancellationToken cancellationToken = default) =>
        FetchAsync(enableCallbacks: true, cancellationToken: cancellationToken);

    /// <summary>Discards the ready messages: all of them, or with a filter only those it matches.</summary>
    /// <param name="filterfunc">When given, each ready message is fetched and acknowledged if it returns true.</param>
    /// <returns>The number of messages discarded.</returns>
    /// <exception cref="InvalidOperationException">A filter is given and the consumer does not acknowledge messages.</exception>
    /// <remarks>
    /// Without a filter this is <see cref="ConsumerBase.Purge"/>. With one it is carrot's fetch loop over every queue;
    /// Kombu 2.2 raises NotImplementedError instead. Carrot left the messages the filter refused unacknowledged until the
    /// channel closed; here they are requeued once the queues are empty.
    /// </remarks>
    public long DiscardAll(Func<Message, bool>? filterfunc = null) => SyncOverAsync.Wait(DiscardAllAsync(filterfunc));

    /// <inheritdoc cref="DiscardAll"/>
    public async ValueTask<long> DiscardAllAsync(Func<Message, bool>? filterfunc = null,
        CancellationToken cancellationToken = default)
    {
        if (filterfunc is null)
            return await PurgeAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfNoAckFilter();
        long discarded = 0;
        var kept = new List<Message>();
        foreach (var queue in Queues)
        {
            while (await queue.GetAsync(false, Consumer.Accept, cancellationToken).ConfigureAwait(false) is { } message)
            {
                if (filterfunc(message))
                {
                    await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    discarded++;
                }
                else
                {
                    kept.Add(message);
                }
            }
        }
        foreach (var message in kept)
            await message.RequeueAsync(cancellationToken).ConfigureAwait(false);
        return discarded;
    }

    /// <summary>Fetches messages one by one with <see cref="Fetch"/>.</summary>
    /// <param name="limit">Most fetches; <see langword="null"/> for no limit.</param>
    /// <param name="infinite">Keep going when the queue is empty, yielding <see langword="null"/>, instead of stopping.</param>
    /// <returns>The fetched messages (and, with <paramref name="infinite"/>, a <see langword="null"/> for each empty poll).</returns>
    /// <remarks>Kombu fetches once more before checking <paramref name="limit"/>, leaving that message unacknowledged; this does not.</remarks>
    public IEnumerable<Message?> IterQueue(int? limit = null, bool infinite = false) =>
        SyncOverAsync.Enumerate(IterQueueAsync(limit, infinite));

    /// <inheritdoc cref="IterQueue"/>
    public async IAsyncEnumerable<Message?> IterQueueAsync(int? limit = null, bool infinite = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; limit is not { } most || i < most; i++)
        {
            var message = await FetchAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (message is null && !infinite)
                yield break;
            yield return message;
        }
    }

    /// <summary>Consumes and drains events, calling the callbacks, until <paramref name="limit"/> drains have been made.</summary>
    /// <param name="limit">Most drains; <see langword="null"/> loops forever, as carrot's <c>wait()</c> did.</param>
    /// <param name="timeout">How long each drain waits; <see langword="null"/> waits forever. Not in carrot.</param>
    /// <exception cref="TimeoutException">A drain waited longer than <paramref name="timeout"/>.</exception>
    public void Wait(int? limit = null, TimeSpan? timeout = null) => SyncOverAsync.Wait(WaitAsync(limit, timeout));

    /// <inheritdoc cref="Wait"/>
    public async ValueTask WaitAsync(int? limit = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in IterConsumeAsync(limit, timeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
        }
    }

    private Queue FirstQueue() => Queues.Count > 0
        ? Queues[0]
        : throw new InvalidOperationException(CompatMessages.NoQueueToFetch);

    private void ThrowIfNoAckFilter()
    {
        if (NoAck)
            throw new InvalidOperationException(CompatMessages.FilterWithNoAck);
    }
}
