using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Transport.Virtual;

/// <summary>
/// Reads the common shape of a stored envelope straight from its UTF-8 text, without building a document first: what
/// <see cref="EnvelopeJson.FromDocument"/> would read from <see cref="KombuJson"/>'s document, at a fraction of the cost.
/// </summary>
/// <remarks>
/// The typed keys (body, content type and encoding, delivery tag, mode, priority, body encoding, exchange, routing key,
/// <c>redelivered</c>) are read here; headers and other property values are handed to <see cref="KombuJson"/> as they
/// stand, so they decode exactly as before. Anything else (another top-level or <c>delivery_info</c> key, a value of an
/// unexpected type, text <see cref="Utf8JsonReader"/> refuses) gives <see langword="null"/>, and the caller takes the
/// general path, which decides whether it is an envelope at all.
/// </remarks>
internal static class EnvelopeReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads an envelope from JSON text, or gives <see langword="null"/> when it is not of the common shape.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The envelope, or <see langword="null"/>.</returns>
    public static Envelope? TryRead(string json)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(json.Length));
        try
        {
            int length;
            try
            {
                length = StrictUtf8.GetBytes(json, buffer);
            }
            catch (EncoderFallbackException)
            {
                return null;
            }
            return TryRead(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads an envelope from UTF-8 JSON, or gives <see langword="null"/> when it is not of the common shape.</summary>
    /// <param name="utf8">The UTF-8 bytes, without a byte order mark.</param>
    /// <returns>The envelope, or <see langword="null"/>.</returns>
    public static Envelope? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return Read(utf8);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or DecodeException)
        {
            return null;
        }
    }

    private static Envelope? Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        var fields = new Fields();
        var body = ReadOnlySpan<byte>.Empty;
        string? escapedBody = null;
        var hasBody = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("body"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    hasBody = true;
                    body = reader.ValueSpan;
                    escapedBody = reader.ValueIsEscaped ? reader.GetString() : null;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("content-type"u8))
            {
                if (!TryReadText(ref reader, out fields.ContentType))
                    return null;
            }
            else if (reader.ValueTextEquals("content-encoding"u8))
            {
                if (!TryReadText(ref reader, out fields.ContentEncoding))
                    return null;
            }
            else if (reader.ValueTextEquals("headers"u8))
            {
                if (!TryReadHeaders(ref reader, utf8, ref fields))
                    return null;
            }
            else if (reader.ValueTextEquals("properties"u8))
            {
                if (!TryReadProperties(ref reader, utf8, ref fields))
                    return null;
            }
            else if (reader.ValueTextEquals("redelivered"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return null;
                fields.Redelivered = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                return null;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            return null;
        var bytes = hasBody ? DecodeBody(body, escapedBody, fields.BodyEncoding) : [];
        if (bytes is null)
            return null;
        return new Envelope
        {
            ContentType = fields.ContentType,
            ContentEncoding = fields.ContentEncoding,
            Redelivered = fields.Redelivered,
            BodyEncoding = fields.BodyEncoding,
            DeliveryTag = fields.DeliveryTag ?? "",
            DeliveryMode = fields.DeliveryMode ?? DeliveryMode.Persistent,
            Priority = fields.Priority ?? 0,
            Exchange = fields.Exchange,
            RoutingKey = fields.RoutingKey,
            Headers = fields.Headers ?? new Dictionary<string, object?>(StringComparer.Ordinal),
            Properties = fields.Properties ?? new Dictionary<string, object?>(StringComparer.Ordinal),
            Body = bytes,
        };
    }

    private static bool TryReadText(ref Utf8JsonReader reader, out string? text)
    {
        reader.Read();
        text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    private static bool TryReadInt(ref Utf8JsonReader reader, out int? value)
    {
        reader.Read();
        value = null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var number))
            return false;
        value = (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        return true;
    }

    private static bool TryReadHeaders(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, ref Fields fields)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            return false;
        var probe = reader;
        if (probe.Read() && probe.TokenType == JsonTokenType.EndObject)
        {
            reader = probe;
            return true;
        }
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        if (KombuJson.Deserialize(utf8[start..(int)reader.BytesConsumed]) is not IDictionary<string, object?> headers)
            return false;
        fields.Headers = new Dictionary<string, object?>(headers, StringComparer.Ordinal);
        return true;
    }

    private static bool TryReadProperties(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, ref Fields fields)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool ok;
            if (reader.ValueTextEquals("delivery_tag"u8))
            {
                reader.Read();
                ok = reader.TokenType == JsonTokenType.String;
                fields.DeliveryTag = ok ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("body_encoding"u8))
            {
                ok = TryReadText(ref reader, out fields.BodyEncoding);
            }
            else if (reader.ValueTextEquals("delivery_mode"u8))
            {
                ok = TryReadInt(ref reader, out fields.DeliveryMode);
            }
            else if (reader.ValueTextEquals("priority"u8))
            {
                ok = TryReadInt(ref reader, out fields.Priority);
            }
            else if (reader.ValueTextEquals("delivery_info"u8))
            {
                ok = TryReadDeliveryInfo(ref reader, ref fields);
            }
            else
            {
                var key = reader.GetString()!;
                reader.Read();
                object? value;
                if (reader.TokenType == JsonTokenType.String)
                {
                    value = reader.GetString();
                }
                else
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    value = KombuJson.Deserialize(utf8[start..(int)reader.BytesConsumed]);
                }
                (fields.Properties ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
                ok = true;
            }
            if (!ok)
                return false;
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool TryReadDeliveryInfo(ref Utf8JsonReader reader, ref Fields fields)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var exchange = reader.ValueTextEquals("exchange"u8);
            if (!exchange && !reader.ValueTextEquals("routing_key"u8))
                return false;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                return false;
            if (exchange)
                fields.Exchange = reader.GetString()!;
            else
                fields.RoutingKey = reader.GetString()!;
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    // The body as EnvelopeJson decodes it, or null when only the general path can say (base64 with escapes or spaces).
    private static byte[]? DecodeBody(ReadOnlySpan<byte> body, string? escaped, string? bodyEncoding)
    {
        var base64 = bodyEncoding is not null && !bodyEncoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
        if (!base64 || body.IsEmpty)
            return escaped is null ? body.ToArray() : Encoding.UTF8.GetBytes(escaped);
        if (escaped is not null)
            return null;
        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(body.Length)];
        if (Base64.DecodeFromUtf8(body, decoded, out var consumed, out var written) != OperationStatus.Done || consumed != body.Length)
            return null;
        return written == decoded.Length ? decoded : decoded.AsSpan(0, written).ToArray();
    }

    // What the reader found so far.
    private struct Fields
    {
        public string? ContentType;
        public string? ContentEncoding;
        public string? BodyEncoding;
        public string? DeliveryTag;
        public int? DeliveryMode;
        public int? Priority;
        public string Exchange;
        public string RoutingKey;
        public bool Redelivered;
        public Dictionary<string, object?>? Headers;
        public Dictionary<string, object?>? Properties;

        public Fields()
        {
            Exchange = "";
            RoutingKey = "";
        }
    }
}
