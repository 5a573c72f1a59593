namespace Kombu.Transport.Virtual;

/// <summary>Routes a message to the queues bound with exactly its routing key (case-sensitive).</summary>
/// <remarks>Kombu's <c>DirectExchange</c>.</remarks>
public sealed class DirectExchange : ExchangeType
{
    /// <inheritdoc/>
    public override string Type => "direct";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> FindQueues(IReadOnlyList<BindingEntry> table, string exchange,
        string routingKey, IReadOnlyDictionary<string, object?>? headers)
    {
        var queues = new QueueListBuilder();
        for (var i = 0; i < table.Count; i++)
        {
            var entry = table[i];
            if (string.Equals(entry.RoutingKey, routingKey, StringComparison.Ordinal))
                queues.Add(entry.Queue);
        }
        return queues.ToList();
    }
}
