using System.Text;

namespace Kombu.Utils;

/// <summary>Percent-encoding and decoding with the rules of Python's <c>urllib.parse.quote</c> and <c>unquote</c>.</summary>
internal static class PercentEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Decodes <c>%XX</c> sequences as UTF-8, leaving malformed sequences as they are.</summary>
    /// <param name="text">The text to decode.</param>
    /// <param name="plusAsSpace">Whether <c>+</c> means a space, as in a query string.</param>
    /// <returns>The decoded text; invalid UTF-8 becomes U+FFFD.</returns>
    public static string Unquote(string text, bool plusAsSpace = false)
    {
        if (plusAsSpace)
            text = text.Replace('+', ' ');
        if (!text.Contains('%', StringComparison.Ordinal))
            return text;

        var result = new StringBuilder(text.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }
            Flush(bytes, result);
            result.Append(text[i]);
        }
        Flush(bytes, result);
        return result.ToString();
    }

    /// <summary>Percent-encodes every character except ASCII letters, digits and <c>_.-~</c>.</summary>
    /// <param name="text">The text to encode (as UTF-8).</param>
    /// <param name="spaceAsPlus">Whether a space becomes <c>+</c>, as Python's <c>quote_plus</c> does.</param>
    /// <param name="keepSlash">Whether <c>/</c> stays as is, as Python's <c>quote</c> default does.</param>
    /// <returns>The encoded text.</returns>
    public static string Quote(string text, bool spaceAsPlus = false, bool keepSlash = false)
    {
        var result = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (IsAlwaysSafe(b) || (keepSlash && b == (byte)'/'))
                result.Append((char)b);
            else if (spaceAsPlus && b == (byte)' ')
                result.Append('+');
            else
                result.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
        }
        return result.ToString();
    }

    private static bool IsAlwaysSafe(byte b) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'_' or (byte)'.' or (byte)'-' or (byte)'~';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static void Flush(List<byte> bytes, StringBuilder result)
    {
        if (bytes.Count == 0)
            return;
        result.Append(Encoding.UTF8.GetString(bytes.ToArray()));
        bytes.Clear();
    }
}
