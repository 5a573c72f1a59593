using System.Globalization;
using RabbitMQ.Client;

namespace Kombu.Transport.Amqp;

/// <summary>Maps Kombu's message properties to AMQP basic properties and back, under Kombu's key names.</summary>
/// <remarks>As py-amqp, property names it does not know are ignored when publishing.</remarks>
internal static class AmqpProperties
{
    /// <summary>Builds the basic properties of an outgoing message.</summary>
    /// <param name="message">The message to publish.</param>
    /// <returns>The AMQP basic properties.</returns>
    public static BasicProperties ToBasic(OutgoingMessage message)
    {
        var props = new BasicProperties
        {
            DeliveryMode = message.DeliveryMode == 1 ? DeliveryModes.Transient : DeliveryModes.Persistent,
            Priority = (byte)Math.Clamp(message.Priority, 0, 255),
        };
        if (message.ContentType is not null)
            props.ContentType = message.ContentType;
        if (message.ContentEncoding is not null)
            props.ContentEncoding = message.ContentEncoding;
        if (AmqpFieldTable.ToAmqp(message.Headers) is { } headers)
            props.Headers = headers;
        if (message.Properties is not { Count: > 0 } properties)
            return props;
        foreach (var (key, value) in properties)
        {
            if (value is null)
                continue;
            switch (key)
            {
                case "correlation_id": props.CorrelationId = Text(value); break;
                case "reply_to": props.ReplyTo = Text(value); break;
                case "expiration": props.Expiration = Text(value); break;
                case "message_id": props.MessageId = Text(value); break;
                case "type": props.Type = Text(value); break;
                case "user_id": props.UserId = Text(value); break;
                case "app_id": props.AppId = Text(value); break;
                case "cluster_id": props.ClusterId = Text(value); break;
                case "timestamp": props.Timestamp = Timestamp(value); break;
                case "delivery_mode": props.DeliveryMode = Convert.ToInt32(value, CultureInfo.InvariantCulture) == 1 ? DeliveryModes.Transient : DeliveryModes.Persistent; break;
                case "priority": props.Priority = Convert.ToByte(value, CultureInfo.InvariantCulture); break;
            }
        }
        return props;
    }

    /// <summary>Reads the properties of a received message under Kombu's names.</summary>
    /// <param name="props">The AMQP basic properties.</param>
    /// <returns>The properties present on the message (content type, encoding and headers excluded).</returns>
    public static Dictionary<string, object?> FromBasic(IReadOnlyBasicProperties props)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (props.IsDeliveryModePresent())
            result["delivery_mode"] = (int)props.DeliveryMode;
        if (props.IsPriorityPresent())
            result["priority"] = (int)props.Priority;
        if (props.IsCorrelationIdPresent())
            result["correlation_id"] = props.CorrelationId;
        if (props.IsReplyToPresent())
            result["reply_to"] = props.ReplyTo;
        if (props.IsExpirationPresent())
            result["expiration"] = props.Expiration;
        if (props.IsMessageIdPresent())
            result["message_id"] = props.MessageId;
        if (props.IsTimestampPresent())
            result["timestamp"] = DateTimeOffset.FromUnixTimeSeconds(props.Timestamp.UnixTime).UtcDateTime;
        if (props.IsTypePresent())
            result["type"] = props.Type;
        if (props.IsUserIdPresent())
            result["user_id"] = props.UserId;
        if (props.IsAppIdPresent())
            result["app_id"] = props.AppId;
        if (props.IsClusterIdPresent())
            result["cluster_id"] = props.ClusterId;
        return result;
    }

    /// <summary>Describes a received message from the parts of a delivery.</summary>
    /// <param name="channel">The channel it arrived on.</param>
    /// <param name="props">Its basic properties.</param>
    /// <param name="body">Its body (copied).</param>
    /// <param name="deliveryInfo">Its delivery details.</param>
    /// <param name="deliveryTag">Its delivery tag.</param>
    /// <returns>The message as received.</returns>
    public static IncomingMessage ToIncoming(IChannel channel, IReadOnlyBasicProperties props, ReadOnlyMemory<byte> body,
        IDictionary<string, object?> deliveryInfo, ulong deliveryTag) =>
        new(channel, body.ToArray(), deliveryTag, props.IsContentTypePresent() ? props.ContentType : null,
            props.IsContentEncodingPresent() ? props.ContentEncoding : null, deliveryInfo, new AmqpMessageProperties(props),
            AmqpFieldTable.FromAmqp(props.Headers));

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static AmqpTimestamp Timestamp(object value) => value switch
    {
        DateTime dt => new AmqpTimestamp(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified
            ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt).ToUnixTimeSeconds()),
        DateTimeOffset dto => new AmqpTimestamp(dto.ToUnixTimeSeconds()),
        _ => new AmqpTimestamp((long)Convert.ToDouble(value, CultureInfo.InvariantCulture)),
    };
}
