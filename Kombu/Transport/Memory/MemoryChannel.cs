using Kombu.Transport.Virtual;

namespace Kombu.Transport.Memory;

/// <summary>A virtual channel whose queues live in the memory of the process, shared by every memory connection.</summary>
/// <remarks>Kombu's <c>kombu.transport.memory.Channel</c>. Messages are kept as <see cref="Envelope"/> objects, in FIFO order.</remarks>
public sealed class MemoryChannel : VirtualChannel
{
    internal MemoryChannel(MemoryTransport transport) : base(transport)
    {
    }

    /// <inheritdoc/>
    protected override ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken) =>
        new(MemoryBroker.TryGetQueue(queue, out var messages) && messages!.TryDequeue(out var envelope) ? envelope : null);

    /// <inheritdoc/>
    protected override ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken)
    {
        MemoryBroker.Put(queue, envelope);
        return default;
    }

    /// <inheritdoc/>
    protected override ValueTask<long> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        if (!MemoryBroker.TryGetQueue(queue, out var messages))
            return new(0L);
        long removed = 0;
        while (messages!.TryDequeue(out _))
            removed++;
        return new(removed);
    }

    /// <inheritdoc/>
    protected override ValueTask<long> SizeAsync(string queue, CancellationToken cancellationToken) =>
        new(MemoryBroker.TryGetQueue(queue, out var messages) ? messages!.Count : 0L);

    /// <inheritdoc/>
    protected override ValueTask DeleteAsync(string queue, CancellationToken cancellationToken)
    {
        MemoryBroker.Delete(queue);
        return default;
    }

    /// <inheritdoc/>
    protected override ValueTask NewQueueAsync(string queue, CancellationToken cancellationToken)
    {
        MemoryBroker.QueueFor(queue);
        return default;
    }

    /// <inheritdoc/>
    protected override ValueTask<bool> HasQueueAsync(string queue, CancellationToken cancellationToken) =>
        new(MemoryBroker.TryGetQueue(queue, out _));

    /// <summary>Whether any queue this channel consumes from has a message it may take now.</summary>
    internal bool HasReadyMessages()
    {
        if (!IsOpen || !QoS.CanConsume())
            return false;
        var queues = ActiveQueues;
        for (var i = 0; i < queues.Count; i++)
        {
            if (MemoryBroker.TryGetQueue(queues[i], out var messages) && !messages!.IsEmpty)
                return true;
        }
        return false;
    }
}
