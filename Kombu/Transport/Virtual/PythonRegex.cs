using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kombu.Transport.Virtual;

/// <summary>Translates Python <c>re</c> pattern strings into .NET regular expressions with the same meaning.</summary>
/// <remarks>
/// Python accepts escapes .NET rejects (<c>\_</c>, <c>\é</c>, <c>\q</c>): they become the literal character.
/// Octal escapes become <c>\xHH</c>, <c>\Z</c> becomes <c>\z</c>, <c>\U0001F600</c> becomes its UTF-16 form, and
/// <c>(?P&lt;name&gt;…)</c>/<c>(?P=name)</c> become .NET named groups and back-references.
/// </remarks>
internal static class PythonRegex
{
    private const string KeptEscapes = "dDwWsSbBAafnrtvxu";
    private static readonly TimeSpan s_backtrackingTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Compiles a Python pattern, preferring the linear-time engine.</summary>
    public static Regex Compile(string pythonPattern)
    {
        var pattern = ToDotNet(pythonPattern);
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, s_backtrackingTimeout);
        }
    }

    /// <summary>Rewrites a Python pattern string in .NET syntax.</summary>
    public static string ToDotNet(string pattern)
    {
        if (!pattern.Contains('\\') && !pattern.Contains("(?P", StringComparison.Ordinal))
            return pattern;
        var output = new StringBuilder(pattern.Length + 8);
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '(' && string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                output.Append("(?<");
                i += 4;
            }
            else if (c == '(' && string.CompareOrdinal(pattern, i, "(?P=", 0, 4) == 0 && pattern.IndexOf(')', i) is var close and > 0)
            {
                output.Append(@"\k<").Append(pattern, i + 4, close - i - 4).Append('>');
                i = close + 1;
            }
            else if (c == '\\' && i + 1 < pattern.Length)
            {
                i = AppendEscape(pattern, i + 1, output);
            }
            else
            {
                output.Append(c);
                i++;
            }
        }
        return output.ToString();
    }

    // Translates the escape whose character is at pattern[at]; returns the index after it.
    private static int AppendEscape(string pattern, int at, StringBuilder output)
    {
        var c = pattern[at];
        if (c == 'Z')
        {
            output.Append(@"\z");
            return at + 1;
        }
        if (c == 'U' && TryParseHex(pattern, at + 1, 8, out var codePoint))
        {
            foreach (var unit in char.ConvertFromUtf32(codePoint))
                output.Append(@"\u").Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));
            return at + 9;
        }
        if (c == '0')
        {
            var end = at + 1;
            while (end < pattern.Length && end < at + 3 && IsOctal(pattern[end]))
                end++;
            AppendHexEscape(output, Convert.ToInt32(pattern[at..end], 8));
            return end;
        }
        if (c is >= '1' and <= '9')
        {
            if (at + 2 < pattern.Length && IsOctal(c) && IsOctal(pattern[at + 1]) && IsOctal(pattern[at + 2]))
            {
                var value = Convert.ToInt32(pattern.Substring(at, 3), 8);
                if (value <= 0xFF)
                {
                    AppendHexEscape(output, value);
                    return at + 3;
                }
            }
            output.Append('\\').Append(c);
            return at + 1;
        }
        if (char.IsAscii(c) && KeptEscapes.Contains(c))
        {
            output.Append('\\').Append(c);
            return at + 1;
        }
        if (char.IsAsciiLetter(c) || c == '_' || !char.IsAscii(c))
        {
            // Python reads these as the literal character; none is a .NET metacharacter.
            output.Append(c);
            return at + 1;
        }
        output.Append('\\').Append(c);
        return at + 1;
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private static void AppendHexEscape(StringBuilder output, int value) =>
        output.Append(@"\x").Append(value.ToString("X2", CultureInfo.InvariantCulture));

    private static bool TryParseHex(string text, int start, int length, out int value)
    {
        value = 0;
        return start + length <= text.Length &&
            int.TryParse(text.AsSpan(start, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) &&
            value <= 0x10FFFF && value is < 0xD800 or > 0xDFFF;
    }
}
