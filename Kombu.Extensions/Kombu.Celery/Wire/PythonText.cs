using System.Collections;
using System.Globalization;
using System.Text;
using Kombu.Pidbox;
using Kombu.Serialization;

namespace Kombu.Celery.Wire;

/// <summary>Python's <c>repr</c> of decoded message values, as Celery writes <c>argsrepr</c>, <c>kwargsrepr</c> and event fields.</summary>
internal static class PythonText
{
    /// <summary>Celery's <c>argsrepr_maxsize</c> and <c>kwargsrepr_maxsize</c>.</summary>
    public const int MaxReprLength = 1024;

    /// <summary>The repr of positional arguments as a tuple, such as <c>(2, 3)</c> or <c>(1,)</c>.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The text, cut to <see cref="MaxReprLength"/> characters as <c>saferepr</c> does.</returns>
    public static string ArgsRepr(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder("(");
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
                sb.Append(", ");
            Append(sb, args[i]);
        }
        return Cut(sb.Append(args.Count == 1 ? ",)" : ")").ToString());
    }

    /// <summary>The repr of keyword arguments, such as <c>{'z': 1}</c>.</summary>
    /// <param name="kwargs">The keyword arguments.</param>
    /// <returns>The text, cut to <see cref="MaxReprLength"/> characters.</returns>
    public static string KwargsRepr(IDictionary<string, object?> kwargs) => Repr(kwargs);

    /// <summary>The repr of any decoded value, cut to <see cref="MaxReprLength"/> characters.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return Cut(sb.ToString());
    }

    /// <summary>Formats an exception as Python prints it: <c>TypeName('message')</c>.</summary>
    /// <param name="type">The exception type name.</param>
    /// <param name="message">The message.</param>
    /// <returns>The text.</returns>
    public static string ExceptionRepr(string type, string message) => $"{type}({PythonRepr.Str(message)})";

    private static string Cut(string text) => text.Length <= MaxReprLength ? text : text[..(MaxReprLength - 3)] + "...";

    private static void Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("None");
                break;
            case bool b:
                sb.Append(b ? "True" : "False");
                break;
            case string s:
                sb.Append(PythonRepr.Str(s));
                break;
            case double d:
                sb.Append(FloatRepr(d));
                break;
            case float f:
                sb.Append(FloatRepr(f));
                break;
            case decimal m:
                sb.Append("Decimal('").Append(m.ToString(CultureInfo.InvariantCulture)).Append("')");
                break;
            case IFormattable n when value is long or int or short or byte or sbyte or ushort or uint or ulong or System.Numerics.BigInteger:
                sb.Append(n.ToString(null, CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                sb.Append("b").Append(PythonRepr.Str(Encoding.Latin1.GetString(bytes)));
                break;
            case IDictionary dict:
                AppendDict(sb, dict);
                break;
            case IEnumerable list:
                sb.Append('[');
                var first = true;
                foreach (var item in list)
                {
                    if (!first)
                        sb.Append(", ");
                    first = false;
                    Append(sb, item);
                }
                sb.Append(']');
                break;
            default:
                sb.Append(PythonRepr.Str(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                break;
        }
    }

    private static void AppendDict(StringBuilder sb, IDictionary dict)
    {
        sb.Append('{');
        var first = true;
        foreach (DictionaryEntry entry in dict)
        {
            if (!first)
                sb.Append(", ");
            first = false;
            Append(sb, entry.Key);
            sb.Append(": ");
            Append(sb, entry.Value);
        }
        sb.Append('}');
    }

    private static string FloatRepr(double value) => value switch
    {
        double.NaN => "nan",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => PythonFloatRepr.Format(value),
    };
}
