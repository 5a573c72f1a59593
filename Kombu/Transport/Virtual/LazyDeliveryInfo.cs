namespace Kombu.Transport.Virtual;

/// <summary>
/// A received message's <c>delivery_info</c> map, built from its envelope only when first read: exchange, routing key,
/// the envelope's extras, then <c>consumer_tag</c> and <c>redelivered</c> when they apply.
/// </summary>
internal sealed class LazyDeliveryInfo(Envelope envelope, string? consumerTag) : LazyDictionary
{
    protected override Dictionary<string, object?> Build()
    {
        var info = envelope.BuildDeliveryInfo();
        if (consumerTag is not null)
            info["consumer_tag"] = consumerTag;
        if (envelope.Redelivered)
            info["redelivered"] = true;
        return info;
    }
}
