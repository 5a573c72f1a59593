using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Kombu.Transport.Virtual;

/// <summary>Routes a message to the queues whose binding pattern matches its routing key, with Kombu's wildcards.</summary>
/// <remarks>
/// Kombu's <c>TopicExchange</c>, whose semantics differ from AMQP: <c>*</c> matches one or more characters that may
/// include dots (the last one is not a dot) and <c>#</c> matches anything. Patterns are Python regex strings, stored
/// as built (a Python peer may read them) and matched through a cached .NET translation.
/// </remarks>
public sealed class TopicExchange : ExchangeType
{
    private const int MaxCachedPatterns = 4096;
    private static readonly ConcurrentDictionary<string, Regex> s_regexes = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string Type => "topic";

    /// <inheritdoc/>
    public override bool DeliversToDeadLetterQueue => false;

    /// <summary>Builds the Python regex string Kombu stores for a topic binding key.</summary>
    /// <param name="bindingKey">The binding key, such as <c>a.*.#</c>.</param>
    /// <returns>The anchored pattern, such as <c>^a\..*?[^\.]\..*?$</c>.</returns>
    public static string KeyToPattern(string bindingKey)
    {
        var escaped = Escape(bindingKey);
        var words = escaped.Split('.');
        var pattern = new StringBuilder(escaped.Length + 16).Append('^');
        for (var i = 0; i < words.Length; i++)
        {
            if (i > 0)
                pattern.Append(@"\.");
            pattern.Append(words[i] switch
            {
                "*" => @".*?[^\.]",
                "#" => ".*?",
                var word => word,
            });
        }
        return pattern.Append('$').ToString();
    }

    /// <summary>Whether a stored Python pattern matches a routing key (Python <c>re.match</c>).</summary>
    /// <param name="pattern">The pattern, as <see cref="KeyToPattern"/> built it or a Python peer stored it.</param>
    /// <param name="routingKey">The publish routing key.</param>
    /// <returns><see langword="true"/> when the pattern matches at the start of the key.</returns>
    public static bool Matches(string pattern, string routingKey) => GetRegex(pattern).IsMatch(routingKey);

    /// <inheritdoc/>
    public override BindingEntry PrepareBind(string queue, string exchange, string routingKey,
        IDictionary<string, object?>? arguments) => new(routingKey, KeyToPattern(routingKey), queue);

    /// <inheritdoc/>
    protected override IReadOnlyList<string> FindQueues(IReadOnlyList<BindingEntry> table, string exchange,
        string routingKey, IReadOnlyDictionary<string, object?>? headers)
    {
        var queues = new QueueListBuilder();
        for (var i = 0; i < table.Count; i++)
        {
            var entry = table[i];
            if (Matches(entry.Pattern ?? KeyToPattern(entry.RoutingKey), routingKey))
                queues.Add(entry.Queue);
        }
        return queues.ToList();
    }

    private static string Escape(string key)
    {
        var builder = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            var width = char.IsSurrogatePair(key, i) ? 2 : 1;
            var alphanumeric = (width == 2 || !char.IsSurrogate(c)) && IsAlphanumeric(Rune.GetRuneAt(key, i));
            if (alphanumeric || c is '.' or '#' or '*')
                builder.Append(key, i, width);
            else if (c == '\0')
                builder.Append(@"\000");
            else
                builder.Append('\\').Append(key, i, width);
            i += width - 1;
        }
        return builder.ToString();
    }

    private static bool IsAlphanumeric(Rune rune) => Rune.IsLetter(rune) || Rune.IsNumber(rune);

    private static Regex GetRegex(string pattern)
    {
        if (s_regexes.TryGetValue(pattern, out var regex))
            return regex;
        if (s_regexes.Count >= MaxCachedPatterns)
            s_regexes.Clear();
        return s_regexes.GetOrAdd(pattern, static p => PythonRegex.Compile(p));
    }
}
