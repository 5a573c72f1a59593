namespace Kombu.Transport.Amqp;

/// <summary>A consumed delivery's <c>delivery_info</c> map, built only when first read.</summary>
/// <param name="consumerTag">The consumer it was delivered to.</param>
/// <param name="deliveryTag">Its delivery tag.</param>
/// <param name="redelivered">Whether the broker delivered it before.</param>
/// <param name="exchange">The exchange it was published to.</param>
/// <param name="routingKey">The routing key it was published with.</param>
internal sealed class AmqpDeliveryInfo(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey)
    : LazyDictionary
{
    /// <inheritdoc/>
    protected override Dictionary<string, object?> Build() => new(StringComparer.Ordinal)
    {
        ["consumer_tag"] = consumerTag,
        ["delivery_tag"] = deliveryTag,
        ["redelivered"] = redelivered,
        ["exchange"] = exchange,
        ["routing_key"] = routingKey,
    };
}
