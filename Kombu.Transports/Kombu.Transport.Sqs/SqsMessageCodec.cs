using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.SQS.Model;
using Kombu.Serialization;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Sqs;

/// <summary>Turns envelopes into SQS message bodies and back, as Kombu 5.6 does (wire format §6.3).</summary>
internal static partial class SqsMessageCodec
{
    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    /// <summary>The SQS body: base64 of the envelope JSON, or the JSON itself.</summary>
    public static string EncodeBody(Envelope envelope, bool base64)
    {
        var json = EnvelopeJson.SerializeToUtf8Bytes(envelope);
        return base64 ? Convert.ToBase64String(json) : Encoding.UTF8.GetString(json);
    }

    /// <summary>Reads a received body into an envelope; anything that is not an envelope becomes an untyped message.</summary>
    public static Envelope DecodeBody(string body)
    {
        var text = body.Trim();
        if (StrictBase64().IsMatch(text))
        {
            try
            {
                text = s_strictUtf8.GetString(Convert.FromBase64String(text));
            }
            catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
            {
                text = body.Trim();
            }
        }
        object? document;
        try
        {
            document = KombuJson.Deserialize(text);
        }
        catch (Exception ex) when (ex is Kombu.Exceptions.DecodeException or Newtonsoft.Json.JsonException)
        {
            document = null;
        }
        if (document is not IDictionary<string, object?> map || !map.ContainsKey("properties"))
        {
            return new Envelope { Body = Encoding.UTF8.GetBytes(body), BodyEncoding = null, ContentType = null };
        }
        return EnvelopeJson.FromDocument(map);
    }

    /// <summary>Moves <c>properties.message_attributes</c> into SQS message attributes.</summary>
    public static Dictionary<string, MessageAttributeValue>? TakeAttributes(Envelope envelope)
    {
        if (!envelope.Properties.Remove("message_attributes", out var value) || value is not IDictionary<string, object?> map)
            return null;
        var result = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal);
        foreach (var (key, raw) in map)
        {
            result[key] = raw switch
            {
                IDictionary<string, object?> spec => new MessageAttributeValue
                {
                    DataType = spec.TryGetValue("DataType", out var t) ? t as string ?? "String" : "String",
                    StringValue = spec.TryGetValue("StringValue", out var s) ? Convert.ToString(s, CultureInfo.InvariantCulture) : null,
                },
                bool or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal =>
                    new MessageAttributeValue { DataType = "Number", StringValue = Convert.ToString(raw, CultureInfo.InvariantCulture) },
                _ => new MessageAttributeValue { DataType = "String", StringValue = Convert.ToString(raw, CultureInfo.InvariantCulture) ?? "" },
            };
        }
        return result;
    }

    [GeneratedRegex("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$", RegexOptions.CultureInvariant)]
    private static partial Regex StrictBase64();
}
