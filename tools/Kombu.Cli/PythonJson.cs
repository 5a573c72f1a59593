using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Cli;

/// <summary>Kombu 5 JSON as Python's <c>json.dumps</c> prints it by default: <c>", "</c> and <c>": "</c> separators.</summary>
public static class PythonJson
{
    /// <summary>Serializes a value on one line with Python's default separators.</summary>
    /// <param name="value">The value; bytes, dates, decimals and GUIDs become <c>{"__type__": …, "__value__": …}</c>.</param>
    /// <returns>The JSON text.</returns>
    public static string Dumps(object? value) => Spaced(KombuJson.Serialize(value));

    /// <summary>Parses a JSON value, keeping the text itself as a string when it is not valid JSON.</summary>
    /// <param name="text">JSON text, or any other text.</param>
    /// <returns>The decoded value, or <paramref name="text"/>.</returns>
    public static object? LoadsOrString(string text)
    {
        try
        {
            return KombuJson.Deserialize(text);
        }
        catch (DecodeException)
        {
            return text;
        }
    }

    /// <summary>Inserts a space after each <c>,</c> and <c>:</c> outside strings of compact JSON.</summary>
    /// <param name="compact">JSON without whitespace between tokens.</param>
    /// <returns>The same JSON with Python's separators.</returns>
    public static string Spaced(string compact)
    {
        var output = new System.Text.StringBuilder(compact.Length + compact.Length / 8);
        var inString = false;
        var escaped = false;
        foreach (var c in compact)
        {
            output.Append(c);
            if (inString)
            {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is ',' or ':')
            {
                output.Append(' ');
            }
        }
        return output.ToString();
    }
}
