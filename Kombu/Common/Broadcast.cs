using Kombu.Utils;

namespace Kombu.Common;

/// <summary>Creates broadcast queues: a uniquely named, auto-deleting queue bound to a fanout exchange.</summary>
/// <remarks>Kombu's <c>kombu.common.Broadcast</c>, a <c>Queue</c> subclass there; <see cref="Queue"/> is sealed here, so this is a factory.</remarks>
public static class Broadcast
{
    /// <summary>Creates a queue that receives every message sent to the fanout exchange <paramref name="name"/>.</summary>
    /// <param name="name">The exchange name (and the queue alias unless <paramref name="alias"/> is given).</param>
    /// <param name="queue">The queue name; <c>bcast.&lt;uuid&gt;</c> when <see langword="null"/>.</param>
    /// <param name="unique">Append a UUID to the queue name: <c>&lt;queue or bcast&gt;.&lt;uuid&gt;</c>.</param>
    /// <param name="autoDelete">Delete the queue when its last consumer goes (default true).</param>
    /// <param name="exchange">The exchange to bind to; a fanout exchange named <paramref name="name"/> when <see langword="null"/>.</param>
    /// <param name="alias">The queue alias; <paramref name="name"/> when <see langword="null"/>.</param>
    /// <param name="durable">Declare the queue durable (Kombu's Queue default, true).</param>
    /// <param name="queueArguments">Extra queue declaration arguments.</param>
    /// <returns>The queue declaration.</returns>
    public static Queue Create(string? name = null, string? queue = null, bool unique = false, bool autoDelete = true,
        Exchange? exchange = null, string? alias = null, bool durable = true,
        IDictionary<string, object?>? queueArguments = null)
    {
        var queueName = unique ? $"{queue ?? "bcast"}.{Uuids.New()}" : queue ?? $"bcast.{Uuids.New()}";
        return new Queue(queueName, exchange ?? new Exchange(name ?? "", "fanout"), durable: durable,
            autoDelete: autoDelete, alias: alias ?? name, queueArguments: queueArguments);
    }
}
