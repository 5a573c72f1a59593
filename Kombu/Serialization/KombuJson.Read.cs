using System.Globalization;
using System.Numerics;
using System.Text;
using Kombu.Exceptions;
using Newtonsoft.Json;

namespace Kombu.Serialization;

/// <content>Decoding into plain .NET values.</content>
public static partial class KombuJson
{
    /// <summary>Reads one value with Kombu's JSON rules, so other documents (such as the envelope) can embed it.</summary>
    /// <remarks>
    /// Starts at the reader's current token (or the next one if the reader has not started or is on a property name)
    /// and leaves the reader on the value's last token. Date guessing is switched off and decimals read as doubles while the value is read.
    /// </remarks>
    /// <param name="reader">The reader, ideally from <see cref="CreateReader(TextReader)"/>.</param>
    /// <returns>The decoded value.</returns>
    /// <exception cref="DecodeException">The JSON is invalid, or a typed object is invalid or unknown.</exception>
    internal static object? ReadValue(JsonReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var dates = reader.DateParseHandling;
        var floats = reader.FloatParseHandling;
        reader.DateParseHandling = DateParseHandling.None;
        reader.FloatParseHandling = FloatParseHandling.Double;
        try
        {
            if (reader.TokenType is JsonToken.None or JsonToken.Comment or JsonToken.PropertyName && !ReadToken(reader))
                throw new DecodeException(ErrorMessages.JsonEmpty);
            return ReadCurrent(reader);
        }
        catch (JsonException ex)
        {
            throw new DecodeException(ErrorMessages.JsonInvalid(ex), ex);
        }
        finally
        {
            reader.DateParseHandling = dates;
            reader.FloatParseHandling = floats;
        }
    }

    private static bool ReadToken(JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
                return true;
        }
        return false;
    }

    private static object? ReadCurrent(JsonReader reader) => reader.TokenType switch
    {
        JsonToken.StartObject => ReadObject(reader),
        JsonToken.StartArray => ReadArray(reader),
        JsonToken.Integer => reader.Value switch
        {
            long or BigInteger => reader.Value,
            var other => Convert.ToInt64(other, CultureInfo.InvariantCulture),
        },
        JsonToken.Float => reader.Value is double ? reader.Value : Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture),
        JsonToken.String or JsonToken.Boolean or JsonToken.Bytes or JsonToken.Date => reader.Value,
        JsonToken.Null or JsonToken.Undefined => null,
        var token => throw new DecodeException(ErrorMessages.JsonUnexpectedToken(token)),
    };

    private static object? ReadObject(JsonReader reader)
    {
        var map = new Dictionary<string, object?>();
        while (ReadToken(reader))
        {
            if (reader.TokenType == JsonToken.EndObject)
            {
                return map.Count == 2 && map.TryGetValue("__type__", out var marker) && map.TryGetValue("__value__", out var value)
                    ? DecodeTyped(marker, value)
                    : map;
            }

            var name = reader.TokenType == JsonToken.PropertyName
                ? (string)reader.Value!
                : throw new DecodeException(ErrorMessages.JsonUnexpectedToken(reader.TokenType));
            if (!ReadToken(reader))
                break;
            map[name] = ReadCurrent(reader);
        }
        throw new DecodeException(ErrorMessages.JsonInvalid(new EndOfStreamException()));
    }

    private static List<object?> ReadArray(JsonReader reader)
    {
        var list = new List<object?>();
        while (ReadToken(reader))
        {
            if (reader.TokenType == JsonToken.EndArray)
                return list;
            list.Add(ReadCurrent(reader));
        }
        throw new DecodeException(ErrorMessages.JsonInvalid(new EndOfStreamException()));
    }

    private static object? DecodeTyped(object? marker, object? value)
    {
        if (marker is not string name)
            throw new DecodeException(ErrorMessages.JsonUnsupportedType(Convert.ToString(marker, CultureInfo.InvariantCulture) ?? "null"));
        object? result;
        try
        {
            result = name switch
            {
                "datetime" => DecodeDateTime(value),
                "date" => value is string s && PythonIsoFormat.TryParseDateTime(s, out var dt, out _) ? DateOnly.FromDateTime(dt) : null,
                "time" => value is string s && PythonIsoFormat.TryParseTime(s, out var t, out _) ? t : null,
                "decimal" => value is string s ? DecodeDecimal(s) : null,
                "uuid" => DecodeUuid(value),
                "bytes" => value is string s ? Encoding.UTF8.GetBytes(s) : null,
                "base64" => value is string s ? Convert.FromBase64String(s) : null,
                _ => TryDecodeRegistered(name, value, out var custom)
                    ? custom
                    : throw new DecodeException(ErrorMessages.JsonUnsupportedType(name)),
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw new DecodeException(ErrorMessages.JsonInvalidTypedValue(name, value), ex);
        }
        return result ?? throw new DecodeException(ErrorMessages.JsonInvalidTypedValue(name, value));
    }

    private static object? DecodeDateTime(object? value)
    {
        if (value is not string s || !PythonIsoFormat.TryParseDateTime(s, out var dt, out var offset))
            return null;
        return offset is { } o ? new DateTimeOffset(dt, o) : (object)dt;
    }

    private static decimal DecodeDecimal(string text)
    {
        var trimmed = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return value;
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || trimmed.TrimStart('+', '-') is "NaN" or "nan" or "sNaN" or "Infinity" or "Inf" or "inf" or "infinity")
        {
            throw new DecodeException(ErrorMessages.JsonDecimalOutOfRange(text));
        }

        throw new FormatException();
    }

    // Python's UUID(hex=..., version=...): the version, when given, overwrites the version and variant bits.
    private static Guid? DecodeUuid(object? value)
    {
        if (value is not Dictionary<string, object?> fields || !fields.TryGetValue("hex", out var hex) || hex is not string text)
            return null;
        var version = 0L;
        foreach (var key in fields.Keys)
        {
            if (key == "version" ? fields[key] is not long v || (version = v) is < 1 or > 8 : key != "hex")
                return null;
        }
        var clean = text.Replace("urn:", "", StringComparison.Ordinal).Replace("uuid:", "", StringComparison.Ordinal);
        var guid = Guid.Parse(clean.Trim('{', '}').Replace("-", "", StringComparison.Ordinal));
        if (version == 0)
            return guid;
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[6] = (byte)((bytes[6] & 0x0F) | ((int)version << 4));
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
