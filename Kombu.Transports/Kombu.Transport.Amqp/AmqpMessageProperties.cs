using RabbitMQ.Client;

namespace Kombu.Transport.Amqp;

/// <summary>A received message's properties under Kombu's names, read from its basic properties only when first used.</summary>
/// <param name="props">The basic properties (the driver's own copy, which outlives the delivery callback).</param>
internal sealed class AmqpMessageProperties(IReadOnlyBasicProperties props) : LazyDictionary
{
    /// <inheritdoc/>
    protected override Dictionary<string, object?> Build() => AmqpProperties.FromBasic(props);
}
