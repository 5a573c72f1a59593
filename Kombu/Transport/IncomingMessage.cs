using Kombu.Exceptions;

namespace Kombu.Transport;

/// <summary>A message as a transport received it: what the front door builds its <see cref="Message"/> from.</summary>
/// <remarks>
/// What Kombu's transports hand <c>channel.message_to_python</c>. A transport fills it in and passes it by value to
/// the consumer's <see cref="MessageHandler"/> or returns it from <see cref="IChannel.BasicGetAsync"/>; the body is as it
/// arrived (still compressed when the <c>compression</c> header says so). Maps left <see langword="null"/> read as empty.
/// </remarks>
public readonly struct IncomingMessage
{
    /// <summary>Creates a received message.</summary>
    /// <param name="channel">The channel that received it, used to acknowledge it.</param>
    /// <param name="body">The body as it arrived.</param>
    /// <param name="deliveryTag">The channel's identifier for acknowledging the message.</param>
    /// <param name="contentType">MIME type of the body.</param>
    /// <param name="contentEncoding">Character set of the body, or <c>binary</c>.</param>
    /// <param name="deliveryInfo">Delivery details: at least <c>exchange</c> and <c>routing_key</c>.</param>
    /// <param name="properties">Message properties.</param>
    /// <param name="headers">Application headers.</param>
    public IncomingMessage(IChannel channel, byte[] body, DeliveryTag deliveryTag, string? contentType,
        string? contentEncoding, IDictionary<string, object?>? deliveryInfo, IDictionary<string, object?>? properties,
        IDictionary<string, object?>? headers)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(body);
        Channel = channel;
        Body = body;
        DeliveryTag = deliveryTag;
        ContentType = contentType;
        ContentEncoding = contentEncoding;
        DeliveryInfo = deliveryInfo;
        Properties = properties;
        Headers = headers;
    }

    /// <summary>Creates a received entry that is not a message its transport can read: decoding it raises <paramref name="error"/>.</summary>
    /// <param name="channel">The channel that received it.</param>
    /// <param name="body">The entry as stored.</param>
    /// <param name="deliveryTag">A tag the channel does not track, so settling the message does nothing.</param>
    /// <param name="deliveryInfo">Delivery details.</param>
    /// <param name="error">Why the entry cannot be decoded.</param>
    public IncomingMessage(IChannel channel, byte[] body, DeliveryTag deliveryTag, IDictionary<string, object?> deliveryInfo,
        KombuException error)
        : this(channel, body, deliveryTag, null, null, deliveryInfo, null, null)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The channel that received the message.</summary>
    public IChannel Channel { get; }

    /// <summary>The body as it arrived.</summary>
    public byte[] Body { get; }

    /// <summary>The channel's identifier for acknowledging the message.</summary>
    public DeliveryTag DeliveryTag { get; }

    /// <summary>MIME type of the body, or <see langword="null"/>.</summary>
    public string? ContentType { get; }

    /// <summary>Character set of the body, or <see langword="null"/>.</summary>
    public string? ContentEncoding { get; }

    /// <summary>Delivery details, or <see langword="null"/>.</summary>
    public IDictionary<string, object?>? DeliveryInfo { get; }

    /// <summary>Message properties, or <see langword="null"/>.</summary>
    public IDictionary<string, object?>? Properties { get; }

    /// <summary>Application headers, or <see langword="null"/>.</summary>
    public IDictionary<string, object?>? Headers { get; }

    /// <summary>Why the entry cannot be decoded, or <see langword="null"/> for a readable message.</summary>
    public KombuException? Error { get; }
}
