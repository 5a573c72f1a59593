namespace Kombu.Serialization;

/// <summary>An application-registered Kombu JSON type: how to write it and how to read its marker back.</summary>
/// <param name="Type">The .NET type (instances of derived types match too).</param>
/// <param name="Marker">The <c>__type__</c> marker, or <see langword="null"/> to write the encoded value without an envelope.</param>
/// <param name="Encoder">Turns an instance into a value Kombu JSON can write.</param>
/// <param name="Decoder">Turns a decoded <c>__value__</c> back into an instance, or <see langword="null"/>.</param>
internal sealed record JsonTypeCodec(Type Type, string? Marker, Func<object, object?> Encoder, Func<object?, object?>? Decoder);
