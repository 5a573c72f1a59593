using Kombu.Common;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Compat;

/// <summary>Consumes several queues on one channel: carrot's way to consume from many consumers' queues at once.</summary>
/// <remarks>
/// Kombu's <c>kombu.compat.ConsumerSet</c>. Queues come from compat <see cref="Consumer"/> instances and from carrot's
/// queue-option dictionaries (see <see cref="QueueEntries.EntryToQueue"/>). Unless a channel is given it opens its
/// own, closed by <see cref="ConsumerBase.Close"/>. New code should use <see cref="Kombu.Consumer"/> directly.
/// </remarks>
public sealed class ConsumerSet : ConsumerBase
{
    /// <summary>Creates a consumer set, declaring its queues unless <paramref name="autoDeclare"/> is false.</summary>
    /// <param name="connection">The connection whose events are drained.</param>
    /// <param name="fromDict">Queue name → carrot queue options (<c>exchange</c>, <c>exchange_type</c>, <c>routing_key</c>, <c>durable</c>…).</param>
    /// <param name="consumers">Compat consumers whose queues to consume from too.</param>
    /// <param name="channel">Channel to consume on; a new channel of <paramref name="connection"/> when <see langword="null"/>.</param>
    /// <param name="noAck">Consume without acknowledgements (default false).</param>
    /// <param name="autoDeclare">Declare the queues, exchanges and bindings now (default true).</param>
    /// <param name="callbacks">Called in order with (decoded body, message) for each message.</param>
    /// <param name="onDecodeError">Called with (message, error) when a body cannot be decoded.</param>
    /// <param name="accept">Content types to accept; <see langword="null"/> for the registry's defaults.</param>
    /// <param name="prefetchCount">Prefetch window in messages, applied at once.</param>
    /// <exception cref="ArgumentException">A queue option in <paramref name="fromDict"/> has the wrong type.</exception>
    public ConsumerSet(Connection connection, IDictionary<string, IDictionary<string, object?>>? fromDict = null,
        IEnumerable<Consumer>? consumers = null, IChannel? channel = null, bool noAck = false, bool autoDeclare = true,
        IEnumerable<Action<object?, Message>>? callbacks = null, Action<Message, Exception>? onDecodeError = null,
        IEnumerable<string>? accept = null, int? prefetchCount = null)
        : base(connection, channel, CollectQueues(fromDict, consumers), noAck, autoDeclare, callbacks, onDecodeError,
            accept, prefetchCount)
    {
    }

    /// <summary>Adds every queue of a compat consumer; call <see cref="ConsumerBase.Consume"/> to start on them.</summary>
    /// <param name="consumer">The consumer whose queues to add.</param>
    public void AddConsumer(Consumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        foreach (var queue in consumer.Queues)
            AddQueue(queue);
    }

    /// <summary>Adds a queue described by carrot's queue options; call <see cref="ConsumerBase.Consume"/> to start on it.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="options">Carrot queue options, as for <see cref="QueueEntries.EntryToQueue"/>.</param>
    /// <returns>The queue bound to this set's channel.</returns>
    /// <exception cref="ArgumentException">An option has the wrong type.</exception>
    public Queue AddConsumerFromDict(string queue, IDictionary<string, object?>? options = null) =>
        AddQueue(QueueEntries.EntryToQueue(queue, options));

    /// <summary>Removes every ready message from every queue: carrot's name for <see cref="ConsumerBase.Purge"/>.</summary>
    /// <returns>The number of messages removed.</returns>
    public long DiscardAll() => SyncOverAsync.Wait(DiscardAllAsync());

    /// <inheritdoc cref="DiscardAll"/>
    public ValueTask<long> DiscardAllAsync(CancellationToken cancellationToken = default) => PurgeAsync(cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => $"<ConsumerSet: [{string.Join(", ", Queues)}]>";

    private static List<Queue> CollectQueues(IDictionary<string, IDictionary<string, object?>>? fromDict,
        IEnumerable<Consumer>? consumers)
    {
        var queues = new List<Queue>();
        foreach (var consumer in consumers ?? [])
            queues.AddRange(consumer.Queues);
        foreach (var (name, options) in fromDict ?? new Dictionary<string, IDictionary<string, object?>>())
            queues.Add(QueueEntries.EntryToQueue(name, options));
        return queues;
    }
}
