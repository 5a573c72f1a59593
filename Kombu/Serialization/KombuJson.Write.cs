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
    internal static void WriteValue(JsonWriter writer, object? value) => WriteValue(writer, value, JsonCompatibility.Kombu53);

    /// <summary>Writes a value with the JSON rules of the given Kombu version.</summary>
    /// <param name="writer">The writer, ideally from <see cref="CreateWriter(TextWriter)"/> so that output is ASCII only.</param>
    /// <param name="value">The value to write.</param>
    /// <param name="compatibility">Whose encoder to write like: Kombu 5.3's markers or Kombu 5.2's plain text.</param>
    /// <exception cref="EncodeException">The value (or a dictionary key inside it) cannot be represented at that level.</exception>
    internal static void WriteValue(JsonWriter writer, object? value, JsonCompatibility compatibility)
    {
        ArgumentNullException.ThrowIfNull(writer);
        try
        {
            Write(writer, value, new JsonWriteState(0, compatibility));
        }
        catch (JsonException ex)
        {
            throw new EncodeException(ex.Message, ex);
        }
    }

    private static void Write(JsonWriter w, object? value, JsonWriteState state)
    {
        if (!TryWriteKnown(w, value, state))
            WriteOther(w, value!, state);
    }

    private static bool TryWriteKnown(JsonWriter w, object? value, JsonWriteState state)
    {
        switch (value)
        {
            case null: w.WriteNull(); break;
            case string s: WriteString(w, s); break;
            case bool b: w.WriteValue(b); break;
            case int i: w.WriteValue(i); break;
            case long l: w.WriteValue(l); break;
            case double d: w.WriteRawValue(PythonFloatRepr.Format(d)); break;
            case Dictionary<string, object?> map: WriteMap(w, map, state); break;
            case List<object?> list: WriteList(w, list, state); break;
            case object?[] array: WriteArray(w, array, state); break;
            case byte[] bytes: WriteBytes(w, bytes, state); break;
            case decimal m: WriteTyped(w, "decimal", PythonDecimalRepr.Format(m), state); break;
            case DateTime dt: WriteDateTime(w, dt, OffsetOf(dt), state); break;
            case DateTimeOffset dto: WriteDateTime(w, dto.DateTime, dto.Offset, state); break;
            case DateOnly date: WriteDate(w, date, state); break;
            case TimeOnly time: WriteTyped(w, "time", PythonIsoFormat.FormatTime(time), state); break;
            case Guid g: WriteGuid(w, g, state); break;
            case Enum e: WriteEnum(w, e); break;
            case JToken token: WriteToken(w, token, state); break;
            case IDictionary dictionary: WriteDictionary(w, dictionary, state); break;
            case IEnumerable<KeyValuePair<string, object?>> pairs: WritePairs(w, pairs, state); break;
            case ReadOnlyMemory<byte> rom: WriteBytes(w, rom.Span, state); break;
            case Memory<byte> mem: WriteBytes(w, mem.Span, state); break;
            case ArraySegment<byte> seg: WriteBytes(w, seg.AsSpan(), state); break;
            case IEnumerable sequence: WriteSequence(w, sequence, state); break;
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

    // Kombu 5.3 wraps the text in a marker; Kombu 5.2 writes the text itself (its str() or isoformat()).
    private static void WriteTyped(JsonWriter w, string marker, string value, JsonWriteState state)
    {
        if (state.Plain)
        {
            w.WriteValue(value);
            return;
        }
        w.WriteStartObject();
        w.WritePropertyName("__type__");
        w.WriteValue(marker);
        w.WritePropertyName("__value__");
        w.WriteValue(value);
        w.WriteEndObject();
    }

    // Kombu 5.2 writes a UTC time with "Z" in place of "+00:00".
    private static void WriteDateTime(JsonWriter w, DateTime value, TimeSpan? offset, JsonWriteState state)
    {
        var text = PythonIsoFormat.FormatDateTime(value, offset);
        if (state.Plain && text.EndsWith("+00:00", StringComparison.Ordinal))
            text = string.Concat(text.AsSpan(0, text.Length - 6), "Z");
        WriteTyped(w, "datetime", text, state);
    }

    // Kombu 5.2 writes a date as the naive date-time of its midnight.
    private static void WriteDate(JsonWriter w, DateOnly value, JsonWriteState state)
    {
        if (state.Plain)
            WriteDateTime(w, value.ToDateTime(TimeOnly.MinValue), null, state);
        else
            WriteTyped(w, "date", PythonIsoFormat.FormatDate(value), state);
    }

    private static void WriteGuid(JsonWriter w, Guid value, JsonWriteState state)
    {
        if (state.Plain)
        {
            w.WriteValue(value.ToString("D"));
            return;
        }
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

    private static void WriteBytes(JsonWriter w, ReadOnlySpan<byte> bytes, JsonWriteState state)
    {
        if (state.Plain)
            throw new EncodeException(ErrorMessages.JsonBytesKombu52(bytes.Length));
        if (Utf8.IsValid(bytes))
            WriteTyped(w, "bytes", Encoding.UTF8.GetString(bytes), state);
        else
            WriteTyped(w, "base64", Convert.ToBase64String(bytes), state);
    }

    private static void WriteEnum(JsonWriter w, Enum value)
    {
        if (Type.GetTypeCode(Enum.GetUnderlyingType(value.GetType())) == TypeCode.UInt64)
            w.WriteValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
        else
            w.WriteValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    private static JsonWriteState Deeper(JsonWriteState state) =>
        state.Depth < MaxWriteDepth
            ? state with { Depth = state.Depth + 1 }
            : throw new EncodeException(ErrorMessages.JsonTooDeep(MaxWriteDepth));
}
