namespace Kombu.Transport;

/// <summary>A message ready to publish: serialized body plus its content headers and properties.</summary>
/// <remarks>What Kombu's <c>channel.prepare_message</c> builds; each transport maps it to its own wire form.</remarks>
public sealed class OutgoingMessage
{
    /// <summary>Creates a message from its serialized (and possibly compressed) body.</summary>
    /// <param name="body">The body bytes.</param>
    /// <param name="contentType">MIME type of the serialized body.</param>
    /// <param name="contentEncoding">Character set of the body, or <c>binary</c>.</param>
    public OutgoingMessage(byte[] body, string? contentType, string? contentEncoding)
    {
        Body = body;
        ContentType = contentType;
        ContentEncoding = contentEncoding;
    }

    /// <summary>The serialized, possibly compressed body.</summary>
    public byte[] Body { get; }

    /// <summary>MIME type of the body, such as <c>application/json</c>.</summary>
    public string? ContentType { get; }

    /// <summary>Character set of the body, such as <c>utf-8</c>, or <c>binary</c>.</summary>
    public string? ContentEncoding { get; }

    /// <summary>Delivery mode: 1 transient, 2 persistent.</summary>
    public int DeliveryMode { get; init; } = Kombu.DeliveryMode.Persistent;

    /// <summary>Message priority, 0 to 9 by convention; transports clamp as Kombu does.</summary>
    public int Priority { get; init; }

    /// <summary>Application headers, or <see langword="null"/> for none.</summary>
    public IDictionary<string, object?>? Headers { get; init; }

    /// <summary>Further message properties (<c>correlation_id</c>, <c>reply_to</c>, <c>expiration</c>…), or <see langword="null"/>.</summary>
    public IDictionary<string, object?>? Properties { get; init; }
}
