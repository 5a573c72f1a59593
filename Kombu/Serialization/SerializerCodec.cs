namespace Kombu.Serialization;

/// <summary>A registered serializer's encoding side: its content type, its character set and its encoder.</summary>
/// <param name="ContentType">MIME type of what the encoder produces.</param>
/// <param name="ContentEncoding">Character set of what the encoder produces, or <c>binary</c>.</param>
/// <param name="Encoder">Turns a value into body bytes.</param>
internal sealed record SerializerCodec(string ContentType, string ContentEncoding, Func<object?, byte[]> Encoder);
