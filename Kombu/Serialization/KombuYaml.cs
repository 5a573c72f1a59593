using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Kombu.Exceptions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kombu.Serialization;

/// <summary>Kombu's <c>yaml</c> serializer: PyYAML <c>safe_dump</c>/<c>safe_load</c> semantics, plain data only.</summary>
/// <remarks>
/// Loading follows PyYAML's <c>SafeLoader</c> (YAML 1.1 implicit types, <c>!!binary</c>, <c>!!set</c>, timestamps) and
/// refuses any other tag. Aliases share the anchored value; a document whose aliases would expand to more than
/// <see cref="MaxExpandedNodes"/> nodes (an alias bomb) fails. Decoded values have the same shapes as
/// <see cref="KombuJson"/>; timestamps become <see cref="DateTime"/>, <see cref="DateTimeOffset"/> or <see cref="DateOnly"/>,
/// <c>!!set</c> a <see cref="HashSet{T}"/> and <c>!!binary</c> a byte array.
/// </remarks>
public static class KombuYaml
{
    /// <summary>The most nodes a document may expand to once its aliases are counted (1,000,000).</summary>
    public const long MaxExpandedNodes = 1_000_000;

    private const int MaxDepth = 512;
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    /// <summary>Deserializes one YAML document as PyYAML's <c>safe_load</c> does.</summary>
    /// <param name="data">UTF-8 YAML text.</param>
    /// <returns>The plain value (<see langword="null"/> for an empty document).</returns>
    /// <exception cref="DecodeException">The text is malformed, uses an unsafe tag, or is an alias bomb.</exception>
    public static object? Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(data);
        }
        catch (DecoderFallbackException ex)
        {
            throw new DecodeException(ErrorMessages.YamlInvalid(ex.Message), ex);
        }
        try
        {
            var parser = new Parser(new StringReader(text.TrimStart('\uFEFF')));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, (object? Value, long Weight)>(StringComparer.Ordinal);
            var (value, _) = ReadNode(parser, anchors, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
                throw new DecodeException(ErrorMessages.YamlInvalid("expected a single document in the stream"));
            return value;
        }
        catch (YamlException ex)
        {
            throw new DecodeException(ErrorMessages.YamlInvalid(ex.Message), ex);
        }
    }

    private static (object? Value, long Weight) ReadNode(IParser parser, Dictionary<string, (object?, long)> anchors, int depth)
    {
        if (depth > MaxDepth)
            throw new DecodeException(ErrorMessages.TooDeep("YAML", MaxDepth));
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var found)
                ? found
                : throw new DecodeException(ErrorMessages.YamlInvalid($"found undefined alias '{alias.Value.Value}'"));
        }

        (object? Value, long Weight) result;
        string anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? "" : scalar.Anchor.Value;
            var tag = TagOf(scalar.Tag, "str");
            if (tag is null)
                tag = scalar.Style == ScalarStyle.Plain ? YamlScalars.Resolve(scalar.Value) : "str";
            result = (YamlScalars.Construct(tag, scalar.Value), 1);
        }
        else if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            anchor = seqStart.Anchor.IsEmpty ? "" : seqStart.Anchor.Value;
            if (TagOf(seqStart.Tag, "seq") is not (null or "seq"))
                throw new DecodeException(ErrorMessages.YamlInvalid($"could not determine a constructor for the tag {seqStart.Tag.Value}"));
            var list = new List<object?>();
            long weight = 1;
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var (item, w) = ReadNode(parser, anchors, depth + 1);
                list.Add(item);
                weight = Add(weight, w);
            }
            result = (list, weight);
        }
        else if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            anchor = mapStart.Anchor.IsEmpty ? "" : mapStart.Anchor.Value;
            result = ReadMapping(parser, anchors, depth, TagOf(mapStart.Tag, "map"), mapStart.Tag.IsEmpty ? "" : mapStart.Tag.Value);
        }
        else
        {
            throw new DecodeException(ErrorMessages.YamlInvalid($"unexpected {parser.Current?.GetType().Name}"));
        }
        if (anchor.Length > 0)
            anchors[anchor] = result;
        return result;
    }

    private static (object? Value, long Weight) ReadMapping(IParser parser, Dictionary<string, (object?, long)> anchors, int depth,
        string? tag, string rawTag)
    {
        if (tag is not (null or "map" or "set"))
            throw new DecodeException(ErrorMessages.YamlInvalid($"could not determine a constructor for the tag {rawTag}"));
        var keys = new List<object?>();
        var values = new List<object?>();
        long weight = 1;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var (key, kw) = ReadNode(parser, anchors, depth + 1);
            var (value, vw) = ReadNode(parser, anchors, depth + 1);
            keys.Add(key is List<object?> l ? l.ToArray() : key);
            values.Add(value);
            weight = Add(Add(weight, kw), vw);
        }
        if (tag == "set")
            return (new HashSet<object?>(keys, PythonKeyComparer.Instance), weight);
        if (keys.TrueForAll(static k => k is string))
        {
            var map = new Dictionary<string, object?>(keys.Count, StringComparer.Ordinal);
            for (var i = 0; i < keys.Count; i++)
                map[(string)keys[i]!] = values[i];
            return (map, weight);
        }
        var any = new Dictionary<object, object?>(keys.Count, PythonKeyComparer.Instance!);
        for (var i = 0; i < keys.Count; i++)
            any[keys[i] ?? throw new DecodeException(ErrorMessages.YamlInvalid("null mapping keys are not supported"))] = values[i];
        return (any, weight);
    }

    private static long Add(long weight, long more)
    {
        var total = weight + more;
        return total <= MaxExpandedNodes
            ? total
            : throw new DecodeException(ErrorMessages.YamlInvalid(
                $"the document expands to more than {MaxExpandedNodes} nodes through aliases (an alias bomb?)"));
    }

    /// <summary>The short name of a <c>tag:yaml.org,2002:</c> tag, <see langword="null"/> when there is none, or an error for any other tag.</summary>
    private static string? TagOf(YamlDotNet.Core.TagName tag, string kind)
    {
        if (tag.IsEmpty || tag.IsNonSpecific)
            return null;
        var value = tag.Value;
        return value.StartsWith(YamlTagPrefix, StringComparison.Ordinal)
            ? value[YamlTagPrefix.Length..]
            : throw new DecodeException(ErrorMessages.YamlInvalid($"could not determine a constructor for the tag {value} on a {kind}"));
    }

    // Writing YAML in the block style of PyYAML's safe_dump (sorted keys, ASCII output).
    /// <summary>Serializes a value as PyYAML's <c>safe_dump</c> would: block style, sorted keys, non-ASCII escaped.</summary>
    /// <param name="value">Plain data: dictionaries, sequences, sets, text, bytes, numbers, booleans, dates or null.</param>
    /// <returns>The UTF-8 (in fact ASCII) YAML text.</returns>
    /// <exception cref="EncodeException">The value (or one inside it) has no safe YAML form.</exception>
    public static byte[] Serialize(object? value)
    {
        var text = new StringBuilder();
        if (IsBlock(value))
        {
            Block(text, value, 0, inline: false, depth: 0);
        }
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
        {
            o.Append(' ').Append(Scalar(value)).Append('\n');
        }
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
