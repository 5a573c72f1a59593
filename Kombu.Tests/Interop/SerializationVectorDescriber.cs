using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Kombu.Serialization;

namespace Kombu.Tests.Interop;

/// <summary>Describes decoded values in the JSON vocabulary of <c>tools/interop/serialization_vectors.py</c>, order-free.</summary>
internal static class SerializationVectorDescriber
{
    /// <summary>The description of a decoded .NET value.</summary>
    public static JsonNode? Describe(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger =>
            Tagged("int", JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture))),
        double d => Tagged("float", JsonValue.Create(FloatRepr(d))),
        byte[] bytes => Tagged("bytes", JsonValue.Create(Convert.ToBase64String(bytes))),
        DateTimeOffset dto => Tagged("datetime", JsonValue.Create(PythonIsoFormat.FormatDateTime(dto.DateTime, dto.Offset))),
        DateTime dt => Tagged("datetime", JsonValue.Create(PythonIsoFormat.FormatDateTime(dt, null))),
        DateOnly date => Tagged("date", JsonValue.Create(PythonIsoFormat.FormatDate(date))),
        TimeOnly time => Tagged("time", JsonValue.Create(PythonIsoFormat.FormatTime(time))),
        TimeSpan span => TimeDelta(span),
        decimal m => Tagged("decimal", JsonValue.Create(m.ToString(CultureInfo.InvariantCulture))),
        Guid g => Tagged("uuid", JsonValue.Create(g.ToString("D"))),
        object?[] tuple => Tagged("tuple", Array(tuple)),
        IDictionary dict => Tagged("dict", new JsonArray([.. Entries(dict).Select(e => (JsonNode)new JsonArray(Describe(e.Key), Describe(e.Value)))])),
        FrozenSet<object?> frozen => Tagged("frozenset", Array(frozen)),
        ISet<object?> set => Tagged("set", Array(set)),
        IEnumerable list => Tagged("list", Array(list.Cast<object?>())),
        _ => throw new ArgumentException($"cannot describe {value.GetType()}"),
    };

    /// <summary>The description with dict entries and set members sorted, as canonical JSON text.</summary>
    public static string Canonical(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1:
                var (kind, inner) = obj.First();
                var sorted = Sort(inner);
                if (kind is "dict" or "set" or "frozenset" && sorted is JsonArray items)
                {
                    var ordered = items.Select(static i => i!.ToJsonString()).Order(StringComparer.Ordinal).Select(static s => JsonNode.Parse(s)).ToArray();
                    sorted = new JsonArray(ordered);
                }
                return new JsonObject { [kind] = sorted };
            case JsonArray array:
                return new JsonArray([.. array.Select(Sort)]);
            default:
                return node?.DeepClone();
        }
    }

    private static IEnumerable<DictionaryEntry> Entries(IDictionary dict)
    {
        foreach (DictionaryEntry entry in dict)
            yield return entry;
    }

    private static JsonArray Array(IEnumerable<object?> items) => new([.. items.Select(Describe)]);

    private static JsonObject Tagged(string kind, JsonNode? value) => new() { [kind] = value };

    private static JsonObject TimeDelta(TimeSpan span)
    {
        var micro = span.Ticks / 10;
        var days = (long)Math.Floor(micro / 86_400_000_000.0);
        var rest = micro - days * 86_400_000_000L;
        return Tagged("timedelta", new JsonArray(days, rest / 1_000_000, rest % 1_000_000));
    }

    private static string FloatRepr(double d) => double.IsNaN(d) ? "nan"
        : double.IsPositiveInfinity(d) ? "inf"
        : double.IsNegativeInfinity(d) ? "-inf"
        : PythonFloatRepr.Format(d);
}
