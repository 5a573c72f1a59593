namespace Kombu.Transport.Virtual;

/// <summary>A received message's <c>properties</c> map, built from its envelope only when first read.</summary>
internal sealed class LazyEnvelopeProperties(Envelope envelope, IDictionary<string, object?> deliveryInfo) : LazyDictionary
{
    protected override Dictionary<string, object?> Build() => envelope.BuildProperties(deliveryInfo);
}
