namespace Kombu.Simple;

/// <summary>Queue and exchange options of a <see cref="SimpleQueue"/> or <see cref="SimpleBuffer"/> created from a name.</summary>
/// <remarks>Kombu's <c>queue_opts</c>, <c>queue_args</c>, <c>exchange_opts</c> and <c>accept</c>; unset values keep the class's defaults.</remarks>
public sealed class SimpleQueueOptions
{
    /// <summary>Whether the queue survives a broker restart; defaults to true (SimpleQueue) or false (SimpleBuffer).</summary>
    public bool? Durable { get; init; }

    /// <summary>Whether the queue is deleted with its last consumer; defaults to false (SimpleQueue) or true (SimpleBuffer).</summary>
    public bool? AutoDelete { get; init; }

    /// <summary>Whether only this connection may use the queue.</summary>
    public bool Exclusive { get; init; }

    /// <summary>Extra queue declaration arguments (Kombu's <c>queue_args</c>).</summary>
    public IDictionary<string, object?>? QueueArguments { get; init; }

    /// <summary>The exchange type (<c>direct</c> unless set).</summary>
    public string ExchangeType { get; init; } = "direct";

    /// <summary>Whether the exchange survives a broker restart; defaults as <see cref="Durable"/>.</summary>
    public bool? ExchangeDurable { get; init; }

    /// <summary>Whether the exchange is deleted when unused; defaults as <see cref="AutoDelete"/>.</summary>
    public bool? ExchangeAutoDelete { get; init; }

    /// <summary>The exchange's default delivery mode (1/"transient" or 2/"persistent"); SimpleBuffer defaults to transient.</summary>
    public object? DeliveryMode { get; init; }

    /// <summary>Content types the consumer accepts; <see langword="null"/> for the registry's defaults.</summary>
    public IEnumerable<string>? Accept { get; init; }
}
