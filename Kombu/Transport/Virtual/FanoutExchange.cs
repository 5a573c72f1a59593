namespace Kombu.Transport.Virtual;

/// <summary>Routes a copy of every message to every queue bound to the exchange, whatever the routing key.</summary>
/// <remarks>Kombu's <c>FanoutExchange</c>; the channel delivers through <c>PutFanoutAsync</c>.</remarks>
public sealed class FanoutExchange : ExchangeType
{
    /// <inheritdoc/>
    public override string Type => "fanout";

    /// <inheritdoc/>
    protected override IReadOnlyList<string> FindQueues(IReadOnlyList<BindingEntry> table, string exchange,
        string routingKey, IReadOnlyDictionary<string, object?>? headers)
    {
        var queues = new QueueListBuilder();
        for (var i = 0; i < table.Count; i++)
            queues.Add(table[i].Queue);
        return queues.ToList();
    }
}
