using System.Runtime.CompilerServices;

namespace Kombu.Diagnostics;

/// <summary>The queue each received message came from, kept only while metrics are listened to.</summary>
/// <remarks>Beside the message rather than in it, so a message costs nothing more when nobody listens.</remarks>
internal static class MessageQueues
{
    private static readonly ConditionalWeakTable<Message, string> Queues = new();

    /// <summary>Remembers the queue of <paramref name="message"/> until the message is collected.</summary>
    public static void Set(Message message, string? queue)
    {
        if (queue is not null)
            Queues.AddOrUpdate(message, queue);
    }

    /// <summary>The queue of <paramref name="message"/>, if it was remembered.</summary>
    public static string? Get(Message message) => Queues.TryGetValue(message, out var queue) ? queue : null;
}
