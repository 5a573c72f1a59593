using System.Globalization;
using System.Text;
using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Transport.Virtual;

/// <summary>Reads and writes the JSON document virtual transports store for each message (wire format §4.1).</summary>
/// <remarks>
/// Keys are Kombu's: <c>body</c>, <c>content-encoding</c>, <c>content-type</c>, <c>headers</c>, <c>properties</c>
/// (with <c>delivery_mode</c>, <c>delivery_info</c>, <c>priority</c>, <c>body_encoding</c>, <c>delivery_tag</c>), and
/// <c>redelivered</c> on restored messages. Values use Kombu's JSON (<see cref="KombuJson"/>) at the level of
/// <see cref="SerializerRegistry.JsonCompatibility"/> on <see cref="Serializers.Registry"/>. Documents from
/// Kombu 2.x/3.x peers, which keep the priority in <c>delivery_info</c>, are read too.
/// </remarks>
public static class EnvelopeJson
{
    /// <summary>Writes an envelope as Kombu's JSON document.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(Envelope envelope) =>
        KombuJson.Serialize(ToDocument(envelope), Serializers.Registry.JsonCompatibility);

    /// <summary>Writes an envelope as UTF-8 JSON.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The UTF-8 bytes.</returns>
    public static byte[] SerializeToUtf8Bytes(Envelope envelope) =>
        KombuJson.SerializeToUtf8Bytes(ToDocument(envelope), Serializers.Registry.JsonCompatibility);

    /// <summary>Reads an envelope from Kombu's JSON document.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="DecodeException">The text is not an envelope.</exception>
    public static Envelope Deserialize(string json) => EnvelopeReader.TryRead(json) ?? FromDocument(KombuJson.Deserialize(json));

    /// <summary>Reads an envelope from UTF-8 JSON.</summary>
    /// <param name="utf8">The UTF-8 bytes.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="DecodeException">The bytes are not an envelope.</exception>
    public static Envelope Deserialize(ReadOnlySpan<byte> utf8) =>
        (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? null : EnvelopeReader.TryRead(utf8)) ?? FromDocument(KombuJson.Deserialize(utf8));

    /// <summary>Builds the JSON-ready document of an envelope.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>An ordered map with Kombu's keys.</returns>
    public static Dictionary<string, object?> ToDocument(Envelope envelope)
    {
        var document = new Dictionary<string, object?>(6, StringComparer.Ordinal)
        {
            ["body"] = EncodeBody(envelope.Body, envelope.BodyEncoding),
            ["content-encoding"] = envelope.ContentEncoding,
            ["content-type"] = envelope.ContentType,
            ["headers"] = envelope.Headers,
            ["properties"] = envelope.BuildProperties(envelope.BuildDeliveryInfo()),
        };
        if (envelope.Redelivered)
            document["redelivered"] = true;
        return document;
    }

    /// <summary>Reads an envelope from a decoded JSON document.</summary>
    /// <param name="document">The value <see cref="KombuJson"/> decoded.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="DecodeException">The document is not an envelope.</exception>
    public static Envelope FromDocument(object? document)
    {
        if (document is not IDictionary<string, object?> map)
            throw new DecodeException(ErrorMessages.NotAnEnvelope("the document is not a JSON object"));
        var properties = map.TryGetValue("properties", out var p) && p is IDictionary<string, object?> pm
            ? new Dictionary<string, object?>(pm, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        var bodyEncoding = Take(properties, "body_encoding") as string;
        var deliveryTag = Take(properties, "delivery_tag")?.ToString() ?? "";
        var deliveryMode = ToInt(Take(properties, "delivery_mode"), DeliveryMode.Persistent);
        var priority = Take(properties, "priority");
        var (exchange, routingKey, extras) = Take(properties, "delivery_info") is IDictionary<string, object?> info
            ? ReadDeliveryInfo(info, ref priority)
            : ("", "", null);
        return new Envelope
        {
            ContentType = map.TryGetValue("content-type", out var ct) ? ct as string : null,
            ContentEncoding = map.TryGetValue("content-encoding", out var ce) ? ce as string : null,
            Headers = map.TryGetValue("headers", out var h) && h is IDictionary<string, object?> hm
                ? new Dictionary<string, object?>(hm, StringComparer.Ordinal)
                : new Dictionary<string, object?>(StringComparer.Ordinal),
            Redelivered = map.TryGetValue("redelivered", out var r) && r is true,
            BodyEncoding = bodyEncoding,
            DeliveryTag = deliveryTag,
            DeliveryMode = deliveryMode,
            Priority = ToInt(priority, 0),
            Properties = properties,
            Exchange = exchange,
            RoutingKey = routingKey,
            DeliveryInfoExtras = extras,
            Body = DecodeBody(map.TryGetValue("body", out var body) ? body : null, bodyEncoding),
        };
    }

    private static (string Exchange, string RoutingKey, Dictionary<string, object?>? Extras) ReadDeliveryInfo(
        IDictionary<string, object?> info, ref object? priority)
    {
        var (exchange, routingKey) = ("", "");
        Dictionary<string, object?>? extras = null;
        foreach (var (key, value) in info)
        {
            switch (key)
            {
                case "exchange":
                    exchange = value as string ?? "";
                    break;
                case "routing_key":
                    routingKey = value as string ?? "";
                    break;
                case "priority" when priority is null:
                    priority = value;
                    break;
                default:
                    (extras ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
                    break;
            }
        }
        return (exchange, routingKey, extras);
    }

    private static object? Take(Dictionary<string, object?> map, string key) =>
        map.Remove(key, out var value) ? value : null;

    private static int ToInt(object? value, int fallback) => value switch
    {
        int i => i,
        long l => (int)Math.Clamp(l, int.MinValue, int.MaxValue),
        double d when double.IsFinite(d) => (int)d,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => fallback,
    };

    private static bool IsBase64(string? bodyEncoding) =>
        bodyEncoding is not null && !bodyEncoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    private static string EncodeBody(byte[] body, string? bodyEncoding) =>
        IsBase64(bodyEncoding) ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body);

    private static byte[] DecodeBody(object? body, string? bodyEncoding)
    {
        switch (body)
        {
            case null:
                return [];
            case byte[] bytes:
                return bytes;
            case string { Length: > 0 } text when IsBase64(bodyEncoding):
                try
                {
                    return Convert.FromBase64String(text);
                }
                catch (FormatException ex)
                {
                    throw new DecodeException(ErrorMessages.NotAnEnvelope($"the body is not valid {bodyEncoding}"), ex);
                }
            case string text:
                return Encoding.UTF8.GetBytes(text);
            default:
                throw new DecodeException(ErrorMessages.NotAnEnvelope("the body is neither text nor bytes"));
        }
    }
}
