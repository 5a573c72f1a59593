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
public static partial class KombuYaml
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
            return anchors.TryGetValue(alias.Value.Value, out var found)
                ? found
                : throw new DecodeException(ErrorMessages.YamlInvalid($"found undefined alias '{alias.Value.Value}'"));
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
}
