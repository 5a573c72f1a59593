using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Kombu.Exceptions;

namespace Kombu.Serialization;

/// <summary>PyYAML <c>SafeLoader</c>'s implicit resolvers and scalar constructors (YAML 1.1 rules).</summary>
internal static partial class YamlScalars
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    [GeneratedRegex(@"^(?:~|null|Null|NULL|)$", Options)]
    private static partial Regex NullPattern();

    [GeneratedRegex(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$", Options)]
    private static partial Regex BoolPattern();

    [GeneratedRegex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$", Options)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", Options)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:(?:[Tt]|[ \t]+)(?<H>[0-9]{1,2}):(?<M>[0-9]{2}):(?<S>[0-9]{2})(?:\.(?<f>[0-9]*))?(?:[ \t]*(?<tz>Z|(?<ts>[-+])(?<th>[0-9]{1,2})(?::?(?<tm>[0-9]{2}))?))?)?$", Options)]
    private static partial Regex TimestampPattern();

    /// <summary>The tag PyYAML resolves a plain scalar to.</summary>
    public static string Resolve(string value)
    {
        if (NullPattern().IsMatch(value)) return "null";
        if (BoolPattern().IsMatch(value)) return "bool";
        if (IntPattern().IsMatch(value)) return "int";
        if (FloatPattern().IsMatch(value)) return "float";
        if (TimestampPattern().IsMatch(value) && (value.Length == 10 || value.Contains(':', StringComparison.Ordinal))) return "timestamp";
        return "str";
    }

    /// <summary>Builds the value of a scalar with a resolved or explicit tag.</summary>
    public static object? Construct(string tag, string value) => tag switch
    {
        "null" => null,
        "bool" => value.ToLowerInvariant() is "yes" or "true" or "on",
        "int" => Int(value),
        "float" => Float(value),
        "timestamp" => Timestamp(value),
        "binary" => Binary(value),
        "str" => value,
        _ => throw new DecodeException(ErrorMessages.YamlInvalid($"could not determine a constructor for the tag !!{tag}")),
    };

    private static object Int(string text)
    {
        var s = text.Replace("_", "", StringComparison.Ordinal);
        var sign = BigInteger.One;
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            if (s[0] == '-') sign = BigInteger.MinusOne;
            s = s[1..];
        }
        BigInteger value;
        if (s == "0") value = BigInteger.Zero;
        else if (s.StartsWith("0b", StringComparison.Ordinal)) value = Parse(s[2..], 2);
        else if (s.StartsWith("0x", StringComparison.Ordinal)) value = Parse(s[2..], 16);
        else if (s.StartsWith('0')) value = Parse(s[1..], 8);
        else if (s.Contains(':', StringComparison.Ordinal)) value = s.Split(':').Aggregate(BigInteger.Zero, (acc, part) => acc * 60 + BigInteger.Parse(part, CultureInfo.InvariantCulture));
        else value = BigInteger.Parse(s, CultureInfo.InvariantCulture);
        value *= sign;
        return value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;
    }

    private static BigInteger Parse(string digits, int radix)
    {
        if (digits.Length > 100_000)
            throw new DecodeException(ErrorMessages.YamlInvalid("integer literal too long"));
        var value = BigInteger.Zero;
        foreach (var c in digits)
            value = value * radix + Convert.ToInt32(c.ToString(), 16);
        return value;
    }

    private static double Float(string text)
    {
        var s = text.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        var sign = s.StartsWith('-') ? -1.0 : 1.0;
        if (s[0] is '-' or '+') s = s[1..];
        if (s == ".inf") return sign * double.PositiveInfinity;
        if (s == ".nan") return double.NaN;
        if (s.Contains(':', StringComparison.Ordinal))
            return sign * s.Split(':').Aggregate(0.0, (acc, part) => acc * 60 + double.Parse(part, CultureInfo.InvariantCulture));
        return sign * double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static object Timestamp(string text)
    {
        var m = TimestampPattern().Match(text);
        if (!m.Success)
            throw new DecodeException(ErrorMessages.YamlInvalid($"invalid timestamp '{text}'"));
        int G(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            if (!m.Groups["H"].Success)
                return new DateOnly(G("y"), G("m"), G("d"));
            var fraction = m.Groups["f"].Value.PadRight(6, '0')[..6];
            var value = new DateTime(G("y"), G("m"), G("d"), G("H"), G("M"), G("S"))
                .AddTicks(int.Parse(fraction, CultureInfo.InvariantCulture) * 10L);
            if (!m.Groups["tz"].Success)
                return value;
            var offset = new TimeSpan(G("th"), G("tm"), 0) * (m.Groups["ts"].Value == "-" ? -1 : 1);
            return new DateTimeOffset(value, offset);
        }
        catch (ArgumentException ex)
        {
            throw new DecodeException(ErrorMessages.YamlInvalid($"invalid timestamp '{text}': {ex.Message}"), ex);
        }
    }

    private static byte[] Binary(string text)
    {
        try
        {
            return Convert.FromBase64String(string.Concat(text.Where(static c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException ex)
        {
            throw new DecodeException(ErrorMessages.YamlInvalid($"invalid !!binary value: {ex.Message}"), ex);
        }
    }
}
