using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Unicode;
using Kombu.Exceptions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kombu.Serialization;

/// <content>Encoding .NET values.</content>
public static partial class KombuJson
{
    private const int MaxWriteDepth = 512;

    /// <summary>Writes a value with Kombu's JSON rules, so other documents (such as the envelope) can embed it.</summary>
    /// <param name="writer">The writer, ideally from <see cref="CreateWriter(TextWriter)"/> so that output is ASCII only.</param>
    /// <param name="value">The value to write.</param>
    /// <exception cref="EncodeException">The value (or a dictionary key inside it) cannot be represented.</exception>
    public static void WriteValue(JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        try
        {
            Write(writer, value, 0);
        }
        catch (JsonException ex)
        {
            throw new EncodeException(ex.Message, ex);
        }
    }

    private static void Write(JsonWriter w, object? value, int depth)
    {
        if (!TryWriteKnown(w, value, depth))
            WriteOther(w, value!, depth);
    }

    private static bool TryWriteKnown(JsonWriter w, object? value, int depth)
    {
        switch (value)
        {
            case null: w.WriteNull(); break;
            case string s: WriteString(w, s); break;
            case bool b: w.WriteValue(b); break;
            case int i: w.WriteValue(i); break;
            case long l: w.WriteValue(l); break;
            case double d: w.WriteRawValue(PythonFloatRepr.Format(d)); break;
            case Dictionary<string, object?> map: WriteMap(w, map, depth); break;
            case List<object?> list: WriteList(w, list, depth); break;
            case object?[] array: WriteArray(w, array, depth); break;
            case byte[] bytes: WriteBytes(w, bytes); break;
            case decimal m: WriteTyped(w, "decimal", m.ToString(CultureInfo.InvariantCulture)); break;
            case DateTime dt: WriteTyped(w, "datetime", PythonIsoFormat.FormatDateTime(dt, OffsetOf(dt))); break;
            case DateTimeOffset dto: WriteTyped(w, "datetime", PythonIsoFormat.FormatDateTime(dto.DateTime, dto.Offset)); break;
            case DateOnly date: WriteTyped(w, "date", PythonIsoFormat.FormatDate(date)); break;
            case TimeOnly time: WriteTyped(w, "time", PythonIsoFormat.FormatTime(time)); break;
            case Guid g: WriteGuid(w, g); break;
            case Enum e: WriteEnum(w, e); break;
            case JToken token: WriteToken(w, token, depth); break;
            case IDictionary dictionary: WriteDictionary(w, dictionary, depth); break;
            case IEnumerable<KeyValuePair<string, object?>> pairs: WritePairs(w, pairs, depth); break;
            case ReadOnlyMemory<byte> rom: WriteBytes(w, rom.Span); break;
            case Memory<byte> mem: WriteBytes(w, mem.Span); break;
            case ArraySegment<byte> seg: WriteBytes(w, seg.AsSpan()); break;
            case IEnumerable sequence: WriteSequence(w, sequence, depth); break;
            default: return TryWriteNumber(w, value);
        }
        return true;
    }

    private static bool TryWriteNumber(JsonWriter w, object value)
    {
        switch (value)
        {
            case short or sbyte or byte or ushort or uint: w.WriteValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong ul: w.WriteValue(ul); break;
            case float f: w.WriteRawValue(PythonFloatRepr.Format(f)); break;
            case Half h: w.WriteRawValue(PythonFloatRepr.Format((float)h)); break;
            case BigInteger or Int128 or UInt128:
                w.WriteRawValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            case nint n: w.WriteValue((long)n); break;
            case nuint n: w.WriteValue((ulong)n); break;
            case char c: WriteString(w, c.ToString()); break;
            default: return false;
        }
        return true;
    }

    // Newtonsoft leaves DEL (0x7F) unescaped; Python's ensure_ascii writes it as \u007f.
    private static void WriteString(JsonWriter w, string value)
    {
        if (value.Contains('\x7f', StringComparison.Ordinal))
            w.WriteRawValue(EscapeDelete(value));
        else
            w.WriteValue(value);
    }

    private static void WriteName(JsonWriter w, string name)
    {
        if (name.Contains('\x7f', StringComparison.Ordinal))
            w.WritePropertyName(EscapeDelete(name)[1..^1], escape: false);
        else
            w.WritePropertyName(name);
    }

    private static string EscapeDelete(string value) =>
        JsonConvert.ToString(value, '"', StringEscapeHandling.EscapeNonAscii).Replace("\x7f", "\\u007f", StringComparison.Ordinal);

    private static TimeSpan? OffsetOf(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => TimeSpan.Zero,
        DateTimeKind.Local => TimeZoneInfo.Local.GetUtcOffset(value),
        _ => null,
    };

    private static void WriteTyped(JsonWriter w, string marker, string value)
    {
        w.WriteStartObject();
        w.WritePropertyName("__type__");
        w.WriteValue(marker);
        w.WritePropertyName("__value__");
        w.WriteValue(value);
        w.WriteEndObject();
    }

    private static void WriteGuid(JsonWriter w, Guid value)
    {
        w.WriteStartObject();
        w.WritePropertyName("__type__");
        w.WriteValue("uuid");
        w.WritePropertyName("__value__");
        w.WriteStartObject();
        w.WritePropertyName("hex");
        w.WriteValue(value.ToString("N"));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteBytes(JsonWriter w, ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
            WriteTyped(w, "bytes", Encoding.UTF8.GetString(bytes));
        else
            WriteTyped(w, "base64", Convert.ToBase64String(bytes));
    }

    private static void WriteEnum(JsonWriter w, Enum value)
    {
        if (Type.GetTypeCode(Enum.GetUnderlyingType(value.GetType())) == TypeCode.UInt64)
            w.WriteValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
        else
            w.WriteValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    private static int Deeper(int depth) =>
        depth < MaxWriteDepth ? depth + 1 : throw new EncodeException(ErrorMessages.JsonTooDeep(MaxWriteDepth));
}
