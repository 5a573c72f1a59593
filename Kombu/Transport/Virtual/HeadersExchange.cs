namespace Kombu.Transport.Virtual;

/// <summary>Routes a message by its headers: a binding matches when all (or any) of its header arguments match.</summary>
/// <remarks>
/// Python Kombu's virtual transports have no headers exchange; this follows AMQP. A binding's arguments are the
/// headers to match plus <c>x-match</c> (<c>all</c>, the default, or <c>any</c>); keys starting with <c>x-</c>
/// are not matched, and an argument whose value is <see langword="null"/> only requires the header to be present.
/// </remarks>
public sealed class HeadersExchange : ExchangeType
{
    /// <inheritdoc/>
    public override string Type => "headers";

    /// <inheritdoc/>
    public override BindingEntry PrepareBind(string queue, string exchange, string routingKey,
        IDictionary<string, object?>? arguments) =>
        new(routingKey, null, queue, arguments is null ? null : new Dictionary<string, object?>(arguments));

    /// <summary>Whether message headers satisfy a binding's arguments.</summary>
    /// <param name="arguments">The binding arguments, including <c>x-match</c>.</param>
    /// <param name="headers">The message headers.</param>
    /// <returns><see langword="true"/> when the binding matches.</returns>
    public static bool Matches(IReadOnlyDictionary<string, object?>? arguments, IReadOnlyDictionary<string, object?>? headers)
    {
        if (arguments is null)
            return true;
        var matchAny = arguments.TryGetValue("x-match", out var mode) && mode is string s &&
            s.Equals("any", StringComparison.OrdinalIgnoreCase);
        var considered = 0;
        var matched = 0;
        foreach (var pair in arguments)
        {
            if (pair.Key.StartsWith("x-", StringComparison.Ordinal))
                continue;
            considered++;
            if (headers is not null && headers.TryGetValue(pair.Key, out var value) &&
                (pair.Value is null || ArgumentValues.AreEqual(pair.Value, value)))
            {
                matched++;
            }
        }
        return matchAny ? matched > 0 : matched == considered;
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> FindQueues(IReadOnlyList<BindingEntry> table, string exchange,
        string routingKey, IReadOnlyDictionary<string, object?>? headers)
    {
        var queues = new QueueListBuilder();
        for (var i = 0; i < table.Count; i++)
        {
            var entry = table[i];
            if (Matches(entry.Arguments, headers))
                queues.Add(entry.Queue);
        }
        return queues.ToList();
    }
}
