namespace Kombu.Serialization;

/// <summary>Writes and reads date and time text exactly as Python's <c>isoformat</c>/<c>fromisoformat</c> do.</summary>
internal static class PythonIsoFormat
{
    private const int MaxDateTimeLength = 32; // 2024-01-02T03:04:05.678901+00:00

    /// <summary>Formats a date-time as <c>YYYY-MM-DDTHH:MM:SS[.ffffff][±HH:MM]</c>.</summary>
    public static string FormatDateTime(DateTime value, TimeSpan? offset)
    {
        Span<char> buffer = stackalloc char[MaxDateTimeLength];
        var n = WriteDate(buffer, value.Year, value.Month, value.Day);
        buffer[n++] = 'T';
        n += WriteTime(buffer[n..], value.TimeOfDay.Ticks);
        if (offset is { } o)
            n += WriteOffset(buffer[n..], o);
        return new string(buffer[..n]);
    }

    /// <summary>Formats a date as <c>YYYY-MM-DD</c>.</summary>
    public static string FormatDate(DateOnly value)
    {
        Span<char> buffer = stackalloc char[10];
        var n = WriteDate(buffer, value.Year, value.Month, value.Day);
        return new string(buffer[..n]);
    }

    /// <summary>Formats a time of day as <c>HH:MM:SS[.ffffff]</c>.</summary>
    public static string FormatTime(TimeOnly value)
    {
        Span<char> buffer = stackalloc char[15];
        var n = WriteTime(buffer, value.Ticks);
        return new string(buffer[..n]);
    }

    /// <summary>Parses what <c>datetime.fromisoformat</c> accepts; the offset is null for a naive value.</summary>
    public static bool TryParseDateTime(string text, out DateTime value, out TimeSpan? offset)
    {
        value = default;
        offset = null;
        var s = text.AsSpan();
        if (!TryParseDate(s, out var date, out var used))
            return false;
        if (used == s.Length)
        {
            value = date.ToDateTime(TimeOnly.MinValue);
            return true;
        }
        if (!TryParseTime(s[(used + 1)..], out var time, out offset))
            return false;
        value = date.ToDateTime(time);
        return true;
    }

    /// <summary>Parses what <c>time.fromisoformat</c> accepts; the offset is null for a naive value.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> s, out TimeOnly value, out TimeSpan? offset)
    {
        value = default;
        offset = null;
        if (s.Length > 0 && s[0] == 'T')
            s = s[1..];
        var end = s.IndexOfAny('+', '-', 'Z');
        var clock = end < 0 ? s : s[..end];
        if (!TryParseClock(clock, out var ticks))
            return false;
        if (end >= 0 && !TryParseOffset(s[end..], out offset))
            return false;
        value = new TimeOnly(ticks);
        return true;
    }

    private static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date, out int used)
    {
        date = default;
        used = 0;
        int year, month, day;
        if (s.Length >= 10 && s[4] == '-' && s[7] == '-')
        {
            if (!Digits(s, 0, 4, out year) || !Digits(s, 5, 2, out month) || !Digits(s, 8, 2, out day))
                return false;
            used = 10;
        }
        else if (s.Length >= 8 && Digits(s, 0, 4, out year) && Digits(s, 4, 2, out month) && Digits(s, 6, 2, out day))
        {
            used = 8;
        }
        else
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        return s.Length == used || s.Length > used + 1;
    }

    private static bool TryParseClock(ReadOnlySpan<char> s, out long ticks)
    {
        ticks = 0;
        var dot = s.IndexOfAny('.', ',');
        var hms = dot < 0 ? s : s[..dot];
        int hour = 0, minute = 0, second = 0;
        var ok = hms.Length switch
        {
            2 => Digits(hms, 0, 2, out hour),
            4 => Digits(hms, 0, 2, out hour) && Digits(hms, 2, 2, out minute),
            5 => hms[2] == ':' && Digits(hms, 0, 2, out hour) && Digits(hms, 3, 2, out minute),
            6 => Digits(hms, 0, 2, out hour) && Digits(hms, 2, 2, out minute) && Digits(hms, 4, 2, out second),
            8 => hms[2] == ':' && hms[5] == ':' && Digits(hms, 0, 2, out hour) && Digits(hms, 3, 2, out minute)
                 && Digits(hms, 6, 2, out second),
            _ => false,
        };
        if (!ok || hour > 23 || minute > 59 || second > 59)
            return false;
        long micro = 0;
        if (dot >= 0)
        {
            var fraction = s[(dot + 1)..];
            if (fraction.Length == 0 || hms.Length is not (6 or 8))
                return false;
            for (var i = 0; i < fraction.Length; i++)
            {
                if (!char.IsAsciiDigit(fraction[i]))
                    return false;
                if (i < 6)
                    micro = micro * 10 + (fraction[i] - '0');
            }
            for (var i = fraction.Length; i < 6; i++)
                micro *= 10;
        }
        ticks = ((hour * 60L + minute) * 60 + second) * TimeSpan.TicksPerSecond + micro * 10;
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<char> s, out TimeSpan? offset)
    {
        offset = null;
        if (s is "Z")
        {
            offset = TimeSpan.Zero;
            return true;
        }
        if (!TryParseClock(s[1..], out var ticks) || ticks % TimeSpan.TicksPerMinute != 0 || ticks >= TimeSpan.TicksPerDay)
            return false;
        var span = new TimeSpan(ticks);
        if (span > TimeSpan.FromHours(14))
            return false;
        offset = s[0] == '-' ? -span : span;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
            return false;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
                return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }

    private static int WriteDate(Span<char> b, int year, int month, int day)
    {
        Pad(b, year, 4);
        b[4] = '-';
        Pad(b[5..], month, 2);
        b[7] = '-';
        Pad(b[8..], day, 2);
        return 10;
    }

    private static int WriteTime(Span<char> b, long ticks)
    {
        var totalSeconds = ticks / TimeSpan.TicksPerSecond;
        var micro = (int)(ticks % TimeSpan.TicksPerSecond / 10);
        Pad(b, (int)(totalSeconds / 3600), 2);
        b[2] = ':';
        Pad(b[3..], (int)(totalSeconds / 60 % 60), 2);
        b[5] = ':';
        Pad(b[6..], (int)(totalSeconds % 60), 2);
        if (micro == 0)
            return 8;
        b[8] = '.';
        Pad(b[9..], micro, 6);
        return 15;
    }

    private static int WriteOffset(Span<char> b, TimeSpan offset)
    {
        b[0] = offset < TimeSpan.Zero ? '-' : '+';
        var minutes = (int)Math.Abs(offset.Ticks / TimeSpan.TicksPerMinute);
        Pad(b[1..], minutes / 60, 2);
        b[3] = ':';
        Pad(b[4..], minutes % 60, 2);
        return 6;
    }

    private static void Pad(Span<char> b, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            b[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
