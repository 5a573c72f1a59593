using System.Collections;
using System.Globalization;
using System.Numerics;
using Kombu.Exceptions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Kombu.Serialization;

/// <content>Encoding dictionaries, sequences, JSON tokens and other objects.</content>
public static partial class KombuJson
{
    private static readonly JsonSerializer ObjectSerializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
        DateTimeZoneHandling = DateTimeZoneHandling.RoundtripKind,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
    });

    private static void WriteMap(JsonWriter w, Dictionary<string, object?> map, JsonWriteState state)
    {
        var inner = Deeper(state);
        w.WriteStartObject();
        foreach (var (key, item) in map)
        {
            WriteName(w, key);
            Write(w, item, inner);
        }
        w.WriteEndObject();
    }

    private static void WriteDictionary(JsonWriter w, IDictionary dictionary, JsonWriteState state)
    {
        var inner = Deeper(state);
        w.WriteStartObject();
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            WriteName(w, KeyToString(entries.Key));
            Write(w, entries.Value, inner);
        }
        w.WriteEndObject();
    }

    private static void WritePairs(JsonWriter w, IEnumerable<KeyValuePair<string, object?>> pairs, JsonWriteState state)
    {
        var inner = Deeper(state);
        w.WriteStartObject();
        foreach (var (key, item) in pairs)
        {
            WriteName(w, key);
            Write(w, item, inner);
        }
        w.WriteEndObject();
    }

    private static void WriteList(JsonWriter w, List<object?> list, JsonWriteState state)
    {
        var inner = Deeper(state);
        w.WriteStartArray();
        foreach (var item in list)
            Write(w, item, inner);
        w.WriteEndArray();
    }

    private static void WriteArray(JsonWriter w, object?[] array, JsonWriteState state)
    {
        var inner = Deeper(state);
        w.WriteStartArray();
        foreach (var item in array)
            Write(w, item, inner);
        w.WriteEndArray();
    }

    private static void WriteSequence(JsonWriter w, IEnumerable sequence, JsonWriteState state)
    {
        var inner = Deeper(state);
        w.WriteStartArray();
        foreach (var item in sequence)
            Write(w, item, inner);
        w.WriteEndArray();
    }

    // Python's json turns non-string keys into text: True -> "true", None -> "null", 1.5 -> "1.5".
    private static string KeyToString(object key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => PythonFloatRepr.Format(d),
        float f => PythonFloatRepr.Format(f),
        Enum e => Type.GetTypeCode(Enum.GetUnderlyingType(e.GetType())) == TypeCode.UInt64
            ? Convert.ToUInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        int or long or short or sbyte or byte or ushort or uint or ulong or BigInteger or Int128 or UInt128 or nint or nuint =>
            ((IFormattable)key).ToString(null, CultureInfo.InvariantCulture),
        char c => c.ToString(),
        JValue { Value: { } v } => KeyToString(v),
        JValue => "null",
        _ => throw new EncodeException(ErrorMessages.JsonUnsupportedKey(key)),
    };

    private static void WriteToken(JsonWriter w, JToken token, JsonWriteState state)
    {
        switch (token)
        {
            case JObject obj:
                var inner = Deeper(state);
                w.WriteStartObject();
                foreach (var (key, item) in obj)
                {
                    WriteName(w, key);
                    WriteToken(w, item ?? JValue.CreateNull(), inner);
                }
                w.WriteEndObject();
                break;
            case JArray array:
                var next = Deeper(state);
                w.WriteStartArray();
                foreach (var item in array)
                    WriteToken(w, item, next);
                w.WriteEndArray();
                break;
            case JRaw raw:
                w.WriteRawValue(raw.Value as string);
                break;
            case JValue value when TryWriteKnown(w, value.Value, state):
                break;
            case JValue { Type: JTokenType.String or JTokenType.Uri or JTokenType.TimeSpan } value:
                w.WriteValue(Convert.ToString(value.Value, CultureInfo.InvariantCulture));
                break;
            default:
                throw new EncodeException(ErrorMessages.JsonUnsupportedValue(token));
        }
    }

    private static void WriteOther(JsonWriter w, object value, JsonWriteState state)
    {
        if (TryWriteRegistered(w, value, state))
            return;
        JToken token;
        try
        {
            token = JToken.FromObject(value, ObjectSerializer);
        }
        catch (JsonException ex)
        {
            throw new EncodeException(ErrorMessages.JsonUnsupportedValue(value) + ": " + ex.Message, ex);
        }
        WriteToken(w, token, state);
    }
}
