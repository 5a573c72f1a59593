namespace Kombu.Pidbox;

/// <summary>The parts of a pidbox request before it becomes a message body.</summary>
/// <param name="Method">The command name.</param>
/// <param name="Arguments">Keyword arguments of the command.</param>
/// <param name="Destination">Target host names, or <see langword="null"/> for all nodes.</param>
/// <param name="Pattern">Host name pattern that selects nodes.</param>
/// <param name="Matcher">How the pattern is matched: <c>glob</c> or <c>pcre</c>.</param>
/// <param name="Serializer">Serializer of the request, or <see langword="null"/> for the mailbox's.</param>
internal sealed record PidboxRequest(string Method, IDictionary<string, object?>? Arguments,
    List<object?>? Destination, string? Pattern, string? Matcher, string? Serializer)
{
    /// <summary>Builds the body with Kombu 5's keys in Kombu's order.</summary>
    /// <param name="ticket">The reply ticket, when replies are wanted.</param>
    /// <param name="replyExchange">The reply exchange name.</param>
    /// <param name="oid">The routing key replies are sent with.</param>
    /// <returns>The body map.</returns>
    public Dictionary<string, object?> ToBody(string? ticket, string replyExchange, string oid)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["method"] = Method,
            ["arguments"] = Arguments is null
                ? new Dictionary<string, object?>(StringComparer.Ordinal)
                : new Dictionary<string, object?>(Arguments, StringComparer.Ordinal),
            ["destination"] = Destination,
            ["pattern"] = Pattern,
            ["matcher"] = Matcher,
        };
        if (ticket is not null)
        {
            body["ticket"] = ticket;
            body["reply_to"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["exchange"] = replyExchange,
                ["routing_key"] = oid,
            };
        }
        return body;
    }
}
