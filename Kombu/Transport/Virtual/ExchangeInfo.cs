namespace Kombu.Transport.Virtual;

/// <summary>A declared exchange of a <see cref="BrokerState"/>: its declaration and binding table.</summary>
/// <remarks>Kombu's <c>{type, durable, auto_delete, arguments, table}</c> entry of <c>BrokerState.exchanges</c>.</remarks>
public sealed class ExchangeInfo
{
    private volatile BindingEntry[] _table = [];

    /// <summary>Creates an exchange declaration with an empty table.</summary>
    /// <param name="type">Exchange type name.</param>
    /// <param name="durable">Whether it was declared durable.</param>
    /// <param name="autoDelete">Whether it was declared auto-delete.</param>
    /// <param name="arguments">Declaration arguments, or <see langword="null"/> for none.</param>
    public ExchangeInfo(string type, bool durable, bool autoDelete, IDictionary<string, object?>? arguments)
    {
        Type = type;
        Durable = durable;
        AutoDelete = autoDelete;
        Arguments = arguments is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(arguments);
    }

    /// <summary>Exchange type name: direct, topic, fanout or headers.</summary>
    public string Type { get; }

    /// <summary>Whether the exchange was declared durable.</summary>
    public bool Durable { get; }

    /// <summary>Whether the exchange was declared auto-delete.</summary>
    public bool AutoDelete { get; }

    /// <summary>Declaration arguments (empty when none).</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>The binding table; a snapshot that never changes, replaced as a whole when bindings change.</summary>
    public IReadOnlyList<BindingEntry> Table => _table;

    /// <summary>Replaces the table snapshot; callers hold the owning state's lock.</summary>
    internal BindingEntry[] TableArray
    {
        get => _table;
        set => _table = value;
    }
}
