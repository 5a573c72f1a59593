namespace Kombu.Simple;

/// <summary>What distinguishes a <see cref="SimpleQueue"/> from a <see cref="SimpleBuffer"/>: the defaults of its entities.</summary>
/// <param name="NoAck">Consume without acknowledgements.</param>
/// <param name="Durable">Queue and exchange survive a broker restart.</param>
/// <param name="AutoDelete">Queue and exchange are deleted when unused.</param>
/// <param name="DeliveryMode">The exchange's default delivery mode.</param>
internal readonly record struct SimpleDefaults(bool NoAck, bool Durable, bool AutoDelete, object? DeliveryMode)
{
    /// <summary>Builds the queue named <paramref name="name"/> bound to an exchange of the same name with routing key <paramref name="name"/>.</summary>
    /// <param name="name">Queue, exchange and routing key name.</param>
    /// <param name="options">Overrides of these defaults.</param>
    /// <returns>The queue.</returns>
    public Queue BuildQueue(string name, SimpleQueueOptions? options)
    {
        var durable = options?.Durable ?? Durable;
        var autoDelete = options?.AutoDelete ?? AutoDelete;
        var exchange = new Exchange(name, options?.ExchangeType ?? "direct", durable: options?.ExchangeDurable ?? durable,
            autoDelete: options?.ExchangeAutoDelete ?? autoDelete, deliveryMode: options?.DeliveryMode ?? DeliveryMode);
        return new Queue(name, exchange, name, durable: durable, exclusive: options?.Exclusive ?? false,
            autoDelete: autoDelete, queueArguments: options?.QueueArguments);
    }
}
