namespace Kombu.Transport.Virtual;

/// <summary>Routing rules of one exchange type: how bindings are stored and which queues a message reaches.</summary>
/// <remarks>Kombu's <c>kombu.transport.virtual.exchange.ExchangeType</c>. Instances are stateless and shared.</remarks>
public abstract class ExchangeType
{
    /// <summary>The exchange type name, such as <c>direct</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Whether a message routed by this type may go to the dead-letter queue.</summary>
    /// <remarks>Kombu's topic exchange leaves the dead-letter queue out of its deliveries.</remarks>
    public virtual bool DeliversToDeadLetterQueue => true;

    /// <summary>Finds every queue of <paramref name="table"/> that a message with <paramref name="routingKey"/> reaches.</summary>
    /// <param name="table">The exchange's binding table.</param>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">The publish routing key.</param>
    /// <param name="defaultQueue">Queue to return when nothing matched, or <see langword="null"/>.</param>
    /// <param name="headers">The message headers (used by headers exchanges).</param>
    /// <returns>The distinct matching queues, or only <paramref name="defaultQueue"/> when none matched and it is set.</returns>
    public IReadOnlyList<string> Lookup(IReadOnlyList<BindingEntry> table, string exchange, string routingKey,
        string? defaultQueue = null, IReadOnlyDictionary<string, object?>? headers = null)
    {
        var found = FindQueues(table, exchange, routingKey, headers);
        return found.Count == 0 && defaultQueue is not null ? [defaultQueue] : found;
    }

    /// <summary>Builds the table entry stored for a binding to an exchange of this type.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <returns>The binding triple to store.</returns>
    public virtual BindingEntry PrepareBind(string queue, string exchange, string routingKey,
        IDictionary<string, object?>? arguments) => new(routingKey, null, queue);

    /// <summary>Whether a new declaration matches the earlier one, so that redeclaring is allowed.</summary>
    /// <param name="previous">The declaration in force.</param>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="type">Declared type.</param>
    /// <param name="durable">Declared durability.</param>
    /// <param name="autoDelete">Declared auto-delete flag.</param>
    /// <param name="arguments">Declared arguments.</param>
    /// <returns><see langword="true"/> when the declarations are equivalent.</returns>
    public virtual bool Equivalent(ExchangeInfo previous, string exchange, string type, bool durable, bool autoDelete,
        IDictionary<string, object?>? arguments)
    {
        if (previous.Type != type || previous.Durable != durable || previous.AutoDelete != autoDelete)
            return false;
        var count = arguments?.Count ?? 0;
        if (count != previous.Arguments.Count)
            return false;
        if (arguments is null)
            return true;
        foreach (var pair in arguments)
        {
            if (!previous.Arguments.TryGetValue(pair.Key, out var value) || !ArgumentValues.AreEqual(value, pair.Value))
                return false;
        }
        return true;
    }

    /// <summary>Finds the distinct queues a message reaches, without the default-queue fallback.</summary>
    /// <param name="table">The exchange's binding table.</param>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">The publish routing key.</param>
    /// <param name="headers">The message headers, or <see langword="null"/>.</param>
    /// <returns>The matching queues (empty when none).</returns>
    protected abstract IReadOnlyList<string> FindQueues(IReadOnlyList<BindingEntry> table, string exchange,
        string routingKey, IReadOnlyDictionary<string, object?>? headers);
}
