using System.Globalization;

namespace Kombu.Serialization;

/// <summary>Formats decimals the way Python's <c>str(decimal.Decimal)</c> does.</summary>
internal static class PythonDecimalRepr
{
    /// <summary>Formats a decimal keeping its scale (<c>1.50</c>), in scientific notation below 1E-6 (<c>1E-7</c>, <c>0E-8</c>).</summary>
    public static string Format(decimal value)
    {
        var scale = value.Scale;
        var plain = Math.Abs(value).ToString(CultureInfo.InvariantCulture);
        var digits = plain.Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        if (digits.Length == 0)
            digits = "0";
        // Python switches to scientific notation when the adjusted exponent is below -6.
        var leftDigits = digits.Length - scale;
        var sign = decimal.IsNegative(value) ? "-" : "";
        if (leftDigits > -6)
            return sign + plain;
        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        return sign + mantissa + "E" + (leftDigits - 1).ToString(CultureInfo.InvariantCulture);
    }
}
