using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Kombu.Exceptions;

namespace Kombu.Serialization;

/// <content>Writing YAML in the block style of PyYAML's <c>safe_dump</c> (sorted keys, ASCII output).</content>
public static partial class KombuYaml
{
    /// <summary>Serializes a value as PyYAML's <c>safe_dump</c> would: block style, sorted keys, non-ASCII escaped.</summary>
    /// <param name="value">Plain data: dictionaries, sequences, sets, text, bytes, numbers, booleans, dates or null.</param>
    /// <returns>The UTF-8 (in fact ASCII) YAML text.</returns>
    /// <exception cref="EncodeException">The value (or one inside it) has no safe YAML form.</exception>
    public static byte[] Serialize(object? value)
    {
        var text = new StringBuilder();
        if (IsBlock(value))
            Block(text, value, 0, inline: false, depth: 0);
        else
        {
            var scalar = Scalar(value);
            text.Append(scalar).Append('\n');
            if (value is not (IDictionary or ICollection) && !scalar.StartsWith('"') && !scalar.StartsWith('\''))
                text.Append("...\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static bool IsBlock(object? value) => value switch
    {
        string or byte[] => false,
        IDictionary d => d.Count > 0,
        ISet<object?> => true,
        ICollection c => c.Count > 0,
        _ => false,
    };

    private static void Block(StringBuilder o, object? value, int indent, bool inline, int depth)
    {
        if (depth > MaxDepth)
            throw new EncodeException(ErrorMessages.TooDeep("YAML", MaxDepth));
        var first = inline;
        void Start()
        {
            if (!first)
                o.Append(' ', indent);
            first = false;
        }
        if (value is ISet<object?> set)
        {
            if (!inline && o.Length > 0 && o[^1] != '\n')
                o.Append(' ');
            o.Append("!!set").Append(set.Count == 0 ? " {}\n" : "\n");
            var members = set.Select(static k => new DictionaryEntry(k ?? "", null)).ToList();
            first = false;
            foreach (var entry in Sort(members))
                Entry(o, entry, indent, Start, depth);
            return;
        }
        if (value is IDictionary dict)
        {
            foreach (var entry in Sort(Entries(dict)))
                Entry(o, entry, indent, Start, depth);
            return;
        }
        foreach (var item in (IEnumerable)value!)
        {
            Start();
            o.Append("- ");
            if (IsBlock(item) && item is not ISet<object?>)
                Block(o, item, indent + 2, inline: true, depth + 1);
            else if (item is ISet<object?>)
                Block(o, item, indent + 2, inline: true, depth + 1);
            else
                o.Append(Scalar(item)).Append('\n');
        }
    }

    private static void Entry(StringBuilder o, DictionaryEntry entry, int indent, Action start, int depth)
    {
        start();
        if (entry.Key is IDictionary || (entry.Key is ICollection && entry.Key is not byte[]))
            throw new EncodeException(ErrorMessages.UnsupportedValue("a YAML mapping key", entry.Key));
        o.Append(Scalar(entry.Key)).Append(':');
        var value = entry.Value;
        if (value is ISet<object?>)
        {
            o.Append(' ');
            Block(o, value, indent + 2, inline: true, depth + 1);
        }
        else if (IsBlock(value))
        {
            o.Append('\n');
            Block(o, value, value is IDictionary ? indent + 2 : indent, inline: false, depth + 1);
        }
        else
            o.Append(' ').Append(Scalar(value)).Append('\n');
    }

    private static List<DictionaryEntry> Entries(IDictionary dict)
    {
        var entries = new List<DictionaryEntry>(dict.Count);
        foreach (DictionaryEntry entry in dict)
            entries.Add(entry);
        return entries;
    }

    private static List<DictionaryEntry> Sort(List<DictionaryEntry> entries)
    {
        if (entries.TrueForAll(static e => e.Key is string))
            entries.Sort(static (a, b) => string.CompareOrdinal((string)a.Key, (string)b.Key));
        return entries;
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => Text(s),
        byte[] bytes => "!!binary \"" + Convert.ToBase64String(bytes) + "\"",
        double d => Float(d),
        float f => Float(f),
        sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger or Int128 or UInt128 =>
            Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateTimeOffset dto => PythonIsoFormat.FormatDateTime(dto.DateTime, dto.Offset).Replace('T', ' '),
        DateTime dt => PythonIsoFormat.FormatDateTime(dt, dt.Kind == DateTimeKind.Utc ? TimeSpan.Zero : null).Replace('T', ' '),
        DateOnly date => PythonIsoFormat.FormatDate(date),
        IDictionary { Count: 0 } => "{}",
        ICollection { Count: 0 } => "[]",
        _ => throw new EncodeException(ErrorMessages.UnsupportedValue("YAML (safe_dump)", value)),
    };

    private static string Float(double value)
    {
        if (double.IsNaN(value)) return ".nan";
        if (double.IsInfinity(value)) return value > 0 ? ".inf" : "-.inf";
        var repr = PythonFloatRepr.Format(value);
        return !repr.Contains('.', StringComparison.Ordinal) && repr.Contains('e', StringComparison.Ordinal)
            ? repr.Replace("e", ".0e", StringComparison.Ordinal)
            : repr;
    }

    private static string Text(string s)
    {
        var printableAscii = s.All(static c => c is >= ' ' and <= '~');
        if (printableAscii && IsPlainSafe(s))
            return s;
        if (printableAscii && s.Length > 0 && s[0] != ' ' && s[^1] != ' ')
            return "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
        var o = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': o.Append("\\\""); break;
                case '\\': o.Append("\\\\"); break;
                case '\n': o.Append("\\n"); break;
                case '\t': o.Append("\\t"); break;
                case '\r': o.Append("\\r"); break;
                case '\0': o.Append("\\0"); break;
                case >= ' ' and <= '~': o.Append(c); break;
                case <= '\u00FF': o.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                        o.Append("\\U").Append(char.ConvertToUtf32(c, s[++i]).ToString("X8", CultureInfo.InvariantCulture));
                    else
                        o.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return o.Append('"').ToString();
    }

    private static bool IsPlainSafe(string s) =>
        s.Length > 0 && YamlScalars.Resolve(s) == "str" && "-?:,[]{}#&*!|>'\"%@` ".IndexOf(s[0], StringComparison.Ordinal) < 0 &&
        s[^1] != ' ' && s[^1] != ':' && !s.Contains(": ", StringComparison.Ordinal) && !s.Contains(" #", StringComparison.Ordinal) &&
        !s.Contains(',', StringComparison.Ordinal) && !s.Contains('[', StringComparison.Ordinal) && !s.Contains(']', StringComparison.Ordinal) &&
        !s.Contains('{', StringComparison.Ordinal) && !s.Contains('}', StringComparison.Ordinal);
}
