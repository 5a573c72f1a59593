using System.Globalization;
using Kombu.Serialization;

namespace Kombu.Celery.Wire;

/// <summary>Conversions between Celery's wire values (seconds as numbers, ISO 8601 text) and .NET values.</summary>
internal static class WireValues
{
    /// <summary>Seconds as Python writes them: an integer when whole, else a float.</summary>
    public static object? Seconds(TimeSpan? value) => value switch
    {
        null => null,
        { } v when v.Ticks % TimeSpan.TicksPerSecond == 0 => (long)v.TotalSeconds,
        { } v => v.TotalSeconds,
    };

    /// <summary>Reads a number of seconds (integer, float or numeric text).</summary>
    public static TimeSpan? ToSeconds(object? value) => value switch
    {
        null => null,
        long l => TimeSpan.FromSeconds(l),
        int i => TimeSpan.FromSeconds(i),
        double d => TimeSpan.FromSeconds(d),
        decimal m => TimeSpan.FromSeconds((double)m),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => TimeSpan.FromSeconds(d),
        _ => null,
    };

    /// <summary>An aware time as Python's <c>isoformat()</c> writes it, in UTC: <c>2026-11-23T18:29:01.055261+00:00</c>.</summary>
    public static string IsoFormat(DateTimeOffset value) =>
        PythonIsoFormat.FormatDateTime(value.UtcDateTime, TimeSpan.Zero);

    /// <summary>A naive UTC time as Celery 5.2's <c>datetime.utcnow().isoformat()</c> writes <c>date_done</c>.</summary>
    public static string NaiveUtcNow() => PythonIsoFormat.FormatDateTime(DateTime.UtcNow, null);

    /// <summary>Parses ISO 8601 text (a naive time is UTC, as the worker's <c>isoparse</c> with <c>enable_utc</c>).</summary>
    public static DateTimeOffset? ParseTime(object? value)
    {
        switch (value)
        {
            case DateTimeOffset dto:
                return dto;
            case DateTime dt:
                return new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc));
            case string s when PythonIsoFormat.TryParseDateTime(s.Replace(' ', 'T'), out var parsed, out var offset):
                return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), offset ?? TimeSpan.Zero);
            case string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto):
                return dto;
            default:
                return null;
        }
    }

    /// <summary>Reads an integer from a decoded value.</summary>
    public static int? ToInt(object? value) => value switch
    {
        long l => (int)l,
        int i => i,
        double d => (int)d,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    /// <summary>Reads a boolean from a decoded value (Python truthiness for numbers).</summary>
    public static bool ToBool(object? value) => value switch
    {
        bool b => b,
        long l => l != 0,
        string s => s.Length > 0 && !s.Equals("false", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>Reads a list from a decoded value; <see langword="null"/> for anything else.</summary>
    public static IList<object?>? ToList(object? value) => value switch
    {
        IList<object?> list => list,
        System.Collections.IEnumerable e and not string and not IDictionary<string, object?> => e.Cast<object?>().ToList(),
        _ => null,
    };

    /// <summary>Reads a string-keyed map from a decoded value; <see langword="null"/> for anything else.</summary>
    public static IDictionary<string, object?>? ToMap(object? value) => value as IDictionary<string, object?>;

    /// <summary>Looks a key up in a decoded map.</summary>
    public static object? Get(this IDictionary<string, object?> map, string key) => map.TryGetValue(key, out var v) ? v : null;
}
