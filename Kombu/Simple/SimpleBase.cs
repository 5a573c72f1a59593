using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Simple;

/// <summary>A queue with <c>Put</c> and <c>Get</c>, like Python's <c>queue.Queue</c>, on one broker queue.</summary>
/// <remarks>
/// Kombu's <c>kombu.simple.SimpleBase</c>. <see cref="Get"/> starts a consumer and drains the connection's events
/// into a local buffer; <see cref="GetNowait"/> polls the queue. Dispose (or <see cref="Close"/>) it after use.
/// </remarks>
public abstract class SimpleBase : IDisposable, IAsyncDisposable, IAsyncEnumerable<Message>
{
    private readonly ConcurrentQueue<Message> _buffer = new();
    private bool _consuming;
    private bool _closed;

    private protected SimpleBase(IChannel channel, Queue queue, bool noAck, string? serializer, string? compression,
        IEnumerable<string>? accept, bool ownsChannel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(queue);
        Channel = channel;
        NoAck = noAck;
        OwnsChannel = ownsChannel;
        Consumer = new Consumer(channel, [queue], noAck, accept: accept, onMessage: _buffer.Enqueue);
        Queue = Consumer.Queues[0];
        Producer = new Producer(channel, queue.Exchange, queue.RoutingKey, serializer, compression: compression);
    }

    /// <summary>The channel the queue uses.</summary>
    public IChannel Channel { get; }

    /// <summary>The producer <see cref="Put"/> publishes with.</summary>
    public Producer Producer { get; }

    /// <summary>The consumer <see cref="Get"/> receives with.</summary>
    public Consumer Consumer { get; }

    /// <summary>The queue consumed from, bound to <see cref="Channel"/>.</summary>
    public Queue Queue { get; }

    /// <summary>Whether messages are received without acknowledgements.</summary>
    public bool NoAck { get; }

    /// <summary>Whether closing this queue also closes <see cref="Channel"/> (it was created for it).</summary>
    public bool OwnsChannel { get; }

    /// <summary>The number of messages ready in the broker queue (Kombu's <c>len(queue)</c>).</summary>
    public long Count => QSize();

    /// <summary>Publishes a message to the queue.</summary>
    /// <param name="message">The body: any serializable value, or bytes/text.</param>
    /// <param name="serializer">Serializer; defaults to the queue's.</param>
    /// <param name="headers">Application headers.</param>
    /// <param name="compression">Compression method; defaults to the queue's.</param>
    /// <param name="routingKey">Routing key; defaults to the queue's.</param>
    /// <param name="deliveryMode">1/"transient" or 2/"persistent"; defaults to the exchange's.</param>
    /// <param name="priority">Message priority, 0–9.</param>
    /// <param name="expiration">Message time-to-live.</param>
    /// <param name="properties">More message properties.</param>
    public void Put(object? message, string? serializer = null, IDictionary<string, object?>? headers = null,
        string? compression = null, string? routingKey = null, object? deliveryMode = null, int priority = 0,
        TimeSpan? expiration = null, IDictionary<string, object?>? properties = null) =>
        SyncOverAsync.Wait(PutAsync(message, serializer, headers, compression, routingKey, deliveryMode, priority,
            expiration, properties));

    /// <inheritdoc cref="Put"/>
    public ValueTask PutAsync(object? message, string? serializer = null, IDictionary<string, object?>? headers = null,
        string? compression = null, string? routingKey = null, object? deliveryMode = null, int priority = 0,
        TimeSpan? expiration = null, IDictionary<string, object?>? properties = null,
        CancellationToken cancellationToken = default) =>
        Producer.PublishAsync(message, routingKey, deliveryMode, priority: priority, serializer: serializer,
            headers: headers, compression: compression, expiration: expiration, properties: properties,
            cancellationToken: cancellationToken);

    /// <summary>Removes every ready message from the broker queue.</summary>
    /// <returns>The number of messages removed.</returns>
    public long Clear() => SyncOverAsync.Wait(ClearAsync());

    /// <inheritdoc cref="Clear"/>
    public ValueTask<long> ClearAsync(CancellationToken cancellationToken = default) => Consumer.PurgeAsync(cancellationToken);

    /// <summary>The number of messages ready in the broker queue.</summary>
    /// <returns>The message count.</returns>
    public long QSize() => SyncOverAsync.Wait(QSizeAsync());

    /// <inheritdoc cref="QSize"/>
    public async ValueTask<long> QSizeAsync(CancellationToken cancellationToken = default) =>
        (await Queue.QueueDeclareAsync(passive: true, cancellationToken: cancellationToken).ConfigureAwait(false)).MessageCount;

    /// <summary>Cancels the consumer and, when the queue owns it, closes the channel.</summary>
    public void Close() => SyncOverAsync.Wait(CloseAsync());

    /// <inheritdoc cref="Close"/>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_closed)
            return;
        _closed = true;
        await Consumer.DisposeAsync().ConfigureAwait(false);
        if (OwnsChannel)
            await Channel.CloseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the queue (see <see cref="Close"/>).</summary>
    public void Dispose() => SyncOverAsync.Wait(DisposeAsync());

    /// <summary>Closes the queue (see <see cref="Close"/>).</summary>
    /// <returns>A task that completes when the queue is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public override string ToString() => $"<{GetType().Name}: {Queue.Name}>";

    /// <summary>Takes the next message, waiting for one to arrive when <paramref name="block"/> is set.</summary>
    /// <param name="block">Wait for a message; false polls once (see <see cref="GetNowait"/>).</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <returns>The message; acknowledge it unless <see cref="NoAck"/> is set.</returns>
    /// <exception cref="EmptyException">No message arrived within <paramref name="timeout"/>, or none was ready without blocking.</exception>
    public Message Get(bool block = true, TimeSpan? timeout = null) => SyncOverAsync.Wait(GetAsync(block, timeout));

    /// <inheritdoc cref="Get"/>
    public async ValueTask<Message> GetAsync(bool block = true, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        if (!block)
            return await GetNowaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_consuming)
        {
            await Consumer.ConsumeAsync(NoAck, cancellationToken).ConfigureAwait(false);
            _consuming = true;
        }
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (_buffer.TryDequeue(out var message))
                return message;
            var remaining = Remaining(started, timeout);
            if (remaining <= TimeSpan.Zero)
                throw new EmptyException();
            try
            {
                await Channel.Transport.Client.DrainEventsAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new EmptyException(Exceptions.ErrorMessages.SimpleQueueEmpty, ex);
            }
        }
    }

    /// <summary>Takes a buffered message, or polls the broker queue once without waiting.</summary>
    /// <returns>The message.</returns>
    /// <exception cref="EmptyException">No message is ready.</exception>
    public Message GetNowait() => SyncOverAsync.Wait(GetNowaitAsync());

    /// <inheritdoc cref="GetNowait"/>
    public async ValueTask<Message> GetNowaitAsync(CancellationToken cancellationToken = default) =>
        _buffer.TryDequeue(out var buffered) ? buffered
            : await Queue.GetAsync(NoAck, Consumer.Accept, cancellationToken).ConfigureAwait(false) ?? throw new EmptyException();

    /// <summary>Yields messages as they arrive, until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops the enumeration (with <see cref="OperationCanceledException"/>).</param>
    /// <returns>The messages, in arrival order.</returns>
    public async IAsyncEnumerable<Message> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await GetAsync(block: true, timeout: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Enumerates messages as they arrive (see <see cref="ReadAllAsync"/>).</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The enumerator.</returns>
    public IAsyncEnumerator<Message> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private static TimeSpan? Remaining(long started, TimeSpan? timeout) =>
        timeout is { } t ? t - TimeProvider.System.GetElapsedTime(started) : null;
}
