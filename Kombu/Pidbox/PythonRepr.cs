using System.Text;

namespace Kombu.Pidbox;

/// <summary>Formats values the way Python's <c>repr</c> does, for error replies Python peers read.</summary>
internal static class PythonRepr
{
    /// <summary>Formats a string as a Python string literal.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The literal, in single quotes unless the text holds a single quote and no double quote.</returns>
    public static string Str(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '\n' => sb.Append(@"\n"),
                '\r' => sb.Append(@"\r"),
                '\t' => sb.Append(@"\t"),
                _ when c == quote => sb.Append('\\').Append(c),
                _ when c < ' ' || c == '\x7f' => sb.Append(@"\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>Formats an exception as <c>TypeName('message')</c>.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The representation.</returns>
    public static string Exception(Exception exception) => $"{exception.GetType().Name}({Str(exception.Message)})";

    /// <summary>Formats Python's <c>KeyError</c> for a missing key.</summary>
    /// <param name="key">The missing key.</param>
    /// <returns>The representation, such as <c>KeyError('ping')</c>.</returns>
    public static string KeyError(string key) => $"KeyError({Str(key)})";
}
