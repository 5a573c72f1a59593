using System.Globalization;

namespace Kombu.Serialization;

/// <summary>Formats floating-point numbers the way Python's <c>repr(float)</c> and <c>json.dumps</c> do.</summary>
internal static class PythonFloatRepr
{
    /// <summary>Formats a double (<c>1.0</c>, <c>1e+16</c>, <c>1e-05</c>, <c>NaN</c>, <c>Infinity</c>).</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "Infinity" : "-Infinity";
        return FromShortest(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Formats a single-precision value from its own shortest digits.</summary>
    public static string Format(float value) =>
        float.IsFinite(value) ? FromShortest(value.ToString("R", CultureInfo.InvariantCulture)) : Format((double)value);

    // Rewrites .NET's shortest round-trip text ("1E+16", "0.0001", "-12.5") in Python's layout.
    private static string FromShortest(string text)
    {
        var s = text.AsSpan();
        var negative = s[0] == '-';
        if (negative)
            s = s[1..];
        var exponent = 0;
        var e = s.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        var dot = s.IndexOf('.');
        var intLength = dot < 0 ? s.Length : dot;
        Span<char> digits = stackalloc char[s.Length];
        var count = 0;
        foreach (var c in s)
        {
            if (c != '.')
                digits[count++] = c;
        }
        var decimalPoint = intLength + exponent; // value = 0.digits * 10^decimalPoint
        var first = 0;
        while (first < count && digits[first] == '0')
        {
            first++;
            decimalPoint--;
        }
        while (count > first && digits[count - 1] == '0')
            count--;
        var sign = negative ? "-" : "";
        if (first == count)
            return sign + "0.0";
        var d = new string(digits[first..count]);
        if (decimalPoint is > -4 and <= 16)
        {
            if (decimalPoint <= 0)
                return sign + "0." + new string('0', -decimalPoint) + d;
            if (decimalPoint >= d.Length)
                return sign + d + new string('0', decimalPoint - d.Length) + ".0";
            return sign + d[..decimalPoint] + "." + d[decimalPoint..];
        }
        var mantissa = d.Length == 1 ? d : d[..1] + "." + d[1..];
        var exp = decimalPoint - 1;
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }
}
