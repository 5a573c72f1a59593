using System.Globalization;
using System.Numerics;
using Kombu.Exceptions;

namespace Kombu.Serialization;

/// <summary>Builds .NET values from the pickled state of Python's <c>datetime</c>, <c>decimal</c> types, and back.</summary>
internal static class PickleStdlib
{
    private const long TicksPerMicrosecond = 10;

    /// <summary><c>datetime.datetime(state[, tz])</c> or <c>datetime.datetime(y, m, d[, H, M, S, us][, tz])</c>.</summary>
    public static object DateTime(object?[] args)
    {
        var (fields, tz) = Fields(args, 10, 7, "datetime");
        var month = fields[2] & 0x7F; // the high bit is the fold flag (protocol 4)
        var value = Build(() => new System.DateTime(fields[0] * 256 + fields[1], month, fields[3], fields[4], fields[5], fields[6])
            .AddTicks((fields[7] * 65536L + fields[8] * 256 + fields[9]) * TicksPerMicrosecond));
        return tz is null ? (object)value : Build(() => new DateTimeOffset(value, tz.Offset));
    }

    /// <summary><c>datetime.date(state)</c> or <c>datetime.date(y, m, d)</c>.</summary>
    public static object Date(object?[] args)
    {
        var (f, _) = Fields(args, 4, 3, "date");
        return Build(() => new DateOnly(f[0] * 256 + f[1], f[2], f[3]));
    }

    /// <summary><c>datetime.time(state[, tz])</c>; a time zone is dropped, as Kombu JSON does.</summary>
    public static object Time(object?[] args)
    {
        var (f, _) = Fields(args, 6, 4, "time");
        return Build(() => new TimeOnly(f[0] & 0x7F, f[1], f[2]).Add(TimeSpan.FromTicks((f[3] * 65536L + f[4] * 256 + f[5]) * TicksPerMicrosecond)));
    }

    /// <summary><c>datetime.timedelta(days, seconds, microseconds)</c>.</summary>
    public static object TimeDelta(object?[] args)
    {
        if (args is not [long days, long seconds, long micro])
            throw new DecodeException(ErrorMessages.PickleInvalid($"timedelta needs (days, seconds, microseconds), not ({string.Join(", ", args.Select(PickleReader.Describe))})"));
        return Build(() => TimeSpan.FromTicks(checked(days * TimeSpan.TicksPerDay + seconds * TimeSpan.TicksPerSecond + micro * TicksPerMicrosecond)));
    }

    /// <summary><c>decimal.Decimal(text)</c>.</summary>
    public static object Decimal(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DecodeException(ErrorMessages.PickleInvalid($"Decimal('{text}') does not fit in System.Decimal"));

    /// <summary>The 10-byte state Python's datetime pickles (without the fold bit).</summary>
    public static byte[] DateTimeState(System.DateTime value)
    {
        var us = (int)(value.Ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond);
        return [(byte)(value.Year >> 8), (byte)value.Year, (byte)value.Month, (byte)value.Day, (byte)value.Hour,
            (byte)value.Minute, (byte)value.Second, (byte)(us >> 16), (byte)(us >> 8), (byte)us];
    }

    /// <summary>The 4-byte state of a date.</summary>
    public static byte[] DateState(DateOnly value) => [(byte)(value.Year >> 8), (byte)value.Year, (byte)value.Month, (byte)value.Day];

    /// <summary>The 6-byte state of a time of day.</summary>
    public static byte[] TimeState(TimeOnly value)
    {
        var us = (int)(value.Ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond);
        return [(byte)value.Hour, (byte)value.Minute, (byte)value.Second, (byte)(us >> 16), (byte)(us >> 8), (byte)us];
    }

    /// <summary>Python's normalised timedelta fields: whole days (maybe negative), seconds and microseconds.</summary>
    public static (long Days, long Seconds, long Microseconds) TimeDeltaFields(TimeSpan value)
    {
        var micro = value.Ticks / TicksPerMicrosecond;
        var days = Math.DivRem(micro, 86_400_000_000L, out var rest);
        if (rest < 0)
        {
            days--;
            rest += 86_400_000_000L;
        }
        return (days, rest / 1_000_000, rest % 1_000_000);
    }

    /// <summary>A Guid as the unsigned 128-bit integer of <c>uuid.UUID.int</c>.</summary>
    public static BigInteger GuidToInt(Guid value) => new(value.ToByteArray(bigEndian: true), isUnsigned: true, isBigEndian: true);

    private static (int[] Fields, PickleTimeZone? Tz) Fields(object?[] args, int stateLength, int maxInts, string type)
    {
        if (args is [byte[] or string, ..] && args.Length <= 2)
        {
            var state = args[0] is string s ? s.Select(static c => (int)c).ToArray() : ((byte[])args[0]!).Select(static b => (int)b).ToArray();
            if (state.Length != stateLength || state.Any(static b => b > 0xFF))
                throw new DecodeException(ErrorMessages.PickleInvalid($"bad {type} state"));
            return (state, TimeZone(args.Length == 2 ? args[1] : null, type));
        }
        var tz = args.Length > 0 && args[^1] is PickleTimeZone or null && args.Length > 3 ? TimeZone(args[^1], type) : null;
        var ints = args.TakeWhile(static a => a is long).Select(static a => (int)Math.Clamp((long)a!, -1, 1_000_000)).ToList();
        if (ints.Count < 3 || ints.Count > maxInts)
            throw new DecodeException(ErrorMessages.PickleInvalid($"bad {type} arguments"));
        return type switch
        {
            "datetime" => ([ints[0] >> 8, ints[0] & 0xFF, ints[1], ints[2], At(ints, 3), At(ints, 4), At(ints, 5),
                At(ints, 6) >> 16, (At(ints, 6) >> 8) & 0xFF, At(ints, 6) & 0xFF], tz),
            "date" => ([ints[0] >> 8, ints[0] & 0xFF, ints[1], ints[2]], tz),
            _ => ([ints[0], ints[1], ints[2], At(ints, 3) >> 16, (At(ints, 3) >> 8) & 0xFF, At(ints, 3) & 0xFF], tz),
        };
    }

    private static int At(List<int> ints, int index) => index < ints.Count ? ints[index] : 0;

    private static PickleTimeZone? TimeZone(object? value, string type) => value switch
    {
        null => null,
        PickleTimeZone tz => tz,
        _ => throw new DecodeException(ErrorMessages.PickleRefused($"{PickleReader.Describe(value)} as a {type} tzinfo", "REDUCE")),
    };

    private static T Build<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException)
        {
            throw new DecodeException(ErrorMessages.PickleInvalid($"value out of range: {ex.Message}"), ex);
        }
    }
}
