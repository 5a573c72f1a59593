using System.Collections.Concurrent;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Memory;

/// <summary>The process-wide queues and routing state shared by every memory transport, with a put signal.</summary>
internal static class MemoryBroker
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Envelope>> s_queues = new(StringComparer.Ordinal);
    private static TaskCompletionSource? s_signal;

    public static BrokerState State { get; } = new();

    public static ConcurrentQueue<Envelope> QueueFor(string queue) =>
        s_queues.TryGetValue(queue, out var messages) ? messages : s_queues.GetOrAdd(queue, static _ => new());

    public static bool TryGetQueue(string queue, out ConcurrentQueue<Envelope>? messages) =>
        s_queues.TryGetValue(queue, out messages);

    public static void Put(string queue, Envelope envelope)
    {
        QueueFor(queue).Enqueue(envelope);
        Interlocked.Exchange(ref s_signal, null)?.TrySetResult();
    }

    public static bool Delete(string queue) => s_queues.TryRemove(queue, out _);

    /// <summary>A task that completes at the next put; take it before the last check for messages.</summary>
    public static Task NextPutAsync()
    {
        var current = Volatile.Read(ref s_signal);
        if (current is not null)
            return current.Task;
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Interlocked.CompareExchange(ref s_signal, created, null) ?? created).Task;
    }
}
