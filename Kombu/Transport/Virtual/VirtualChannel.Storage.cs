namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    /// <summary>Takes the next message from a queue.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The message, or <see langword="null"/> when the queue is empty.</returns>
    /// <exception cref="Kombu.Exceptions.InvalidEnvelopeException">The entry taken is not an envelope; the store kept it
    /// aside, and the consumer gets a message whose decoding raises this error.</exception>
    protected abstract ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken);

    /// <summary>Appends a message to a queue, creating the queue if needed.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="envelope">The message; it may be shared with other queues and must not be changed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the message is stored.</returns>
    protected abstract ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken);

    /// <summary>Appends messages to a queue in order, creating the queue if needed; the default calls
    /// <see cref="PutAsync"/> for each (beyond Kombu: stores that can write many at once override it).</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="envelopes">The messages, oldest first; they may be shared with other queues and must not be changed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when every message is stored.</returns>
    protected virtual async ValueTask PutBatchAsync(string queue, IReadOnlyList<Envelope> envelopes,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < envelopes.Count; i++)
            await PutAsync(queue, envelopes[i], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every ready message of a queue.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of messages removed.</returns>
    protected abstract ValueTask<long> PurgeAsync(string queue, CancellationToken cancellationToken);

    /// <summary>Counts the ready messages of a queue.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of ready messages (0 for a missing queue).</returns>
    protected abstract ValueTask<long> SizeAsync(string queue, CancellationToken cancellationToken);

    /// <summary>Deletes a queue and its messages.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the queue is gone.</returns>
    protected abstract ValueTask DeleteAsync(string queue, CancellationToken cancellationToken);

    /// <summary>Creates a queue if the store needs it; the default does nothing.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the queue exists.</returns>
    protected virtual ValueTask NewQueueAsync(string queue, CancellationToken cancellationToken) => default;

    /// <summary>Creates a declared queue; the default calls <see cref="NewQueueAsync(string, CancellationToken)"/>.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="declaration">
    /// The declaration as Kombu passes it to <c>_new_queue</c>: <c>durable</c>, <c>exclusive</c>, <c>auto_delete</c>,
    /// <c>arguments</c> and <c>nowait</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the queue exists.</returns>
    /// <remarks>For stores that keep the declaration, such as the MongoDB transport's <c>messages.queues</c> with <c>ttl</c>.</remarks>
    protected virtual ValueTask NewQueueAsync(string queue, IReadOnlyDictionary<string, object?> declaration,
        CancellationToken cancellationToken) =>
        NewQueueAsync(queue, cancellationToken);

    /// <summary>Whether a queue exists; the default says it always does.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the queue exists.</returns>
    protected virtual ValueTask<bool> HasQueueAsync(string queue, CancellationToken cancellationToken) => new(true);

    /// <summary>Delivers a message published to a fanout exchange; the default puts a copy on every bound queue.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="envelope">The message.</param>
    /// <param name="routingKey">The publish routing key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the message was delivered.</returns>
    protected virtual async ValueTask PutFanoutAsync(string exchange, Envelope envelope, string routingKey,
        CancellationToken cancellationToken)
    {
        var queues = await LookupAsync(exchange, routingKey, envelope.HeadersOrNull, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < queues.Count; i++)
            await PutAsync(queues[i], envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Persists a new binding where the routing table is shared between processes; the default does nothing.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="entry">The binding triple.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the binding is stored.</returns>
    /// <remarks>Kombu's <c>_queue_bind</c>.</remarks>
    protected virtual ValueTask PersistBindingAsync(string exchange, BindingEntry entry, CancellationToken cancellationToken) =>
        default;

    /// <summary>Removes a persisted binding; the default does nothing.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="entry">The binding triple.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the binding is removed.</returns>
    protected virtual ValueTask RemoveBindingAsync(string exchange, BindingEntry entry, CancellationToken cancellationToken) =>
        default;

    /// <summary>Gets the binding table of an exchange; the default reads <see cref="State"/>.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The table (empty for an undeclared exchange).</returns>
    protected virtual ValueTask<IReadOnlyList<BindingEntry>> GetTableAsync(string exchange, CancellationToken cancellationToken) =>
        new(State.TryGetExchange(exchange, out var info) ? info.Table : []);
}
