using System.Globalization;
using Kombu.Transport;

namespace Kombu;

/// <summary>A queue declaration: a named queue, the exchange it binds to and the binding key.</summary>
/// <remarks>Kombu's <c>kombu.Queue</c>. Python's <c>queue(channel)</c> is <see cref="Bind(IChannel)"/>.</remarks>
public sealed partial class Queue : MaybeChannelBound, IEquatable<Queue>
{
    private readonly HashSet<Binding> _bindings;

    /// <summary>Creates a queue declaration.</summary>
    /// <param name="name">Queue name; empty lets the broker generate one when declared.</param>
    /// <param name="exchange">The exchange to bind to; the default exchange when <see langword="null"/> and there are no <paramref name="bindings"/>.</param>
    /// <param name="routingKey">The binding key.</param>
    /// <param name="channel">Channel to bind to at once, if any.</param>
    /// <param name="bindings">Extra bindings (a queue bound to several exchanges or keys).</param>
    /// <param name="durable">Survives a broker restart (default true).</param>
    /// <param name="exclusive">Only this connection may use it; implies <paramref name="autoDelete"/>.</param>
    /// <param name="autoDelete">Deleted when its last consumer goes.</param>
    /// <param name="queueArguments">Extra declaration arguments.</param>
    /// <param name="bindingArguments">Arguments for the main binding.</param>
    /// <param name="consumerArguments">Arguments for consumers (such as <c>x-priority</c>).</param>
    /// <param name="noAck">Consume without acknowledgements.</param>
    /// <param name="alias">A name for applications' own use; Kombu ignores it.</param>
    /// <param name="noDeclare">Never declare the queue (it must already exist).</param>
    /// <param name="expires">Delete the queue after it has been unused this long (<c>x-expires</c>).</param>
    /// <param name="messageTtl">Discard messages older than this (<c>x-message-ttl</c>).</param>
    /// <param name="maxLength">Most messages the queue holds (<c>x-max-length</c>).</param>
    /// <param name="maxLengthBytes">Most bytes the queue holds (<c>x-max-length-bytes</c>).</param>
    /// <param name="maxPriority">Highest message priority served (<c>x-max-priority</c>).</param>
    public Queue(string name = "", Exchange? exchange = null, string routingKey = "", IChannel? channel = null,
        IEnumerable<Binding>? bindings = null, bool durable = true, bool exclusive = false, bool autoDelete = false,
        IDictionary<string, object?>? queueArguments = null, IDictionary<string, object?>? bindingArguments = null,
        IDictionary<string, object?>? consumerArguments = null, bool noAck = false, string? alias = null,
        bool noDeclare = false, TimeSpan? expires = null, TimeSpan? messageTtl = null, int? maxLength = null,
        int? maxLengthBytes = null, int? maxPriority = null)
    {
        Name = name;
        _bindings = [.. bindings ?? []];
        Exchange = _bindings.Count > 0 ? exchange : exchange ?? new Exchange("");
        RoutingKey = routingKey;
        Durable = durable;
        Exclusive = exclusive;
        AutoDelete = autoDelete || exclusive;
        QueueArguments = queueArguments;
        BindingArguments = bindingArguments;
        ConsumerArguments = consumerArguments;
        NoAck = noAck;
        Alias = alias;
        NoDeclare = noDeclare;
        Expires = expires;
        MessageTtl = messageTtl;
        MaxLength = maxLength;
        MaxLengthBytes = maxLengthBytes;
        MaxPriority = maxPriority;
        MaybeBindSelf(channel);
    }

    /// <summary>The queue name (set from the broker's answer when declared with an empty name).</summary>
    public string Name { get; private set; }

    /// <summary>The exchange of the main binding, or <see langword="null"/> when only <see cref="Bindings"/> are used.</summary>
    public Exchange? Exchange { get; private set; }

    /// <summary>The binding key of the main binding.</summary>
    public string RoutingKey { get; }

    /// <summary>Extra bindings.</summary>
    public IReadOnlySet<Binding> Bindings => _bindings;

    /// <summary>Whether the queue survives a broker restart.</summary>
    public bool Durable { get; }

    /// <summary>Whether only this connection may use the queue.</summary>
    public bool Exclusive { get; }

    /// <summary>Whether the queue is deleted when its last consumer goes.</summary>
    public bool AutoDelete { get; }

    /// <summary>Extra declaration arguments.</summary>
    public IDictionary<string, object?>? QueueArguments { get; }

    /// <summary>Arguments of the main binding.</summary>
    public IDictionary<string, object?>? BindingArguments { get; }

    /// <summary>Arguments for consumers.</summary>
    public IDictionary<string, object?>? ConsumerArguments { get; }

    /// <summary>Whether consumers of this queue skip acknowledgements by default.</summary>
    public bool NoAck { get; }

    /// <summary>A name for applications' own use.</summary>
    public string? Alias { get; }

    /// <summary>Whether the queue is never declared.</summary>
    public bool NoDeclare { get; }

    /// <summary>Unused time after which the broker deletes the queue.</summary>
    public TimeSpan? Expires { get; }

    /// <summary>Age after which messages are discarded.</summary>
    public TimeSpan? MessageTtl { get; }

    /// <summary>Most messages the queue holds.</summary>
    public int? MaxLength { get; }

    /// <summary>Most bytes the queue holds.</summary>
    public int? MaxLengthBytes { get; }

    /// <summary>Highest message priority the queue serves.</summary>
    public int? MaxPriority { get; }

    /// <inheritdoc/>
    public override bool CanCacheDeclaration =>
        !AutoDelete && Expires is null && QueueArguments?.ContainsKey("x-expires") != true;

    /// <summary>Returns a copy of this queue (and its exchange) bound to <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The bound copy.</returns>
    public Queue Bind(IChannel channel) => BoundCopy<Queue>(channel);

    /// <summary>Returns a copy of this queue bound to the connection's default channel.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The bound copy.</returns>
    public Queue Bind(Connection connection) => Bind(connection.DefaultChannel);

    /// <summary>Returns this queue if bound, else a copy bound to <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>A bound queue.</returns>
    public Queue MaybeBind(IChannel channel) => IsBound ? this : Bind(channel);

    /// <summary>The declaration arguments with the typed options (<see cref="Expires"/>…) merged in.</summary>
    /// <returns>The arguments sent with <c>queue_declare</c>, or <see langword="null"/> when empty.</returns>
    public IDictionary<string, object?>? DeclarationArguments()
    {
        if (Expires is null && MessageTtl is null && MaxLength is null && MaxLengthBytes is null && MaxPriority is null)
            return QueueArguments;
        var args = QueueArguments is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : new Dictionary<string, object?>(QueueArguments, StringComparer.Ordinal);
        if (Expires is { } expires)
            args["x-expires"] = (long)expires.TotalMilliseconds;
        if (MessageTtl is { } ttl)
            args["x-message-ttl"] = (long)ttl.TotalMilliseconds;
        if (MaxLength is { } maxLength)
            args["x-max-length"] = maxLength;
        if (MaxLengthBytes is { } maxBytes)
            args["x-max-length-bytes"] = maxBytes;
        if (MaxPriority is { } maxPriority)
            args["x-max-priority"] = maxPriority;
        return args;
    }

    /// <inheritdoc/>
    protected override void WhenBound()
    {
        if (Exchange is not null)
            Exchange = Exchange.Bind(Channel);
    }

    /// <inheritdoc/>
    public bool Equals(Queue? other) =>
        other is not null && Name == other.Name && Equals(Exchange, other.Exchange) && RoutingKey == other.RoutingKey &&
        Durable == other.Durable && Exclusive == other.Exclusive && AutoDelete == other.AutoDelete &&
        EntityEquality.ArgumentsEqual(QueueArguments, other.QueueArguments) &&
        EntityEquality.ArgumentsEqual(BindingArguments, other.BindingArguments) &&
        EntityEquality.ArgumentsEqual(ConsumerArguments, other.ConsumerArguments) && _bindings.SetEquals(other._bindings);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Queue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Exchange, RoutingKey, Durable, Exclusive, AutoDelete);

    /// <summary>The declaration as a map with Kombu's key names.</summary>
    /// <param name="recurse">Also convert the exchange to a map.</param>
    /// <returns>name, exchange, routing_key, durable, exclusive, auto_delete, queue_arguments, …</returns>
    public IReadOnlyDictionary<string, object?> AsDict(bool recurse = false) => new Dictionary<string, object?>
    {
        ["name"] = Name,
        ["exchange"] = recurse ? Exchange?.AsDict() : Exchange,
        ["routing_key"] = RoutingKey,
        ["durable"] = Durable,
        ["exclusive"] = Exclusive,
        ["auto_delete"] = AutoDelete,
        ["no_ack"] = NoAck,
        ["alias"] = Alias,
        ["queue_arguments"] = QueueArguments,
        ["binding_arguments"] = BindingArguments,
        ["consumer_arguments"] = ConsumerArguments,
        ["no_declare"] = NoDeclare,
        ["expires"] = Expires?.TotalSeconds,
        ["message_ttl"] = MessageTtl?.TotalSeconds,
        ["max_length"] = MaxLength,
        ["max_length_bytes"] = MaxLengthBytes,
        ["max_priority"] = MaxPriority,
    };

    /// <inheritdoc/>
    public override string ToString() => Exchange is null
        ? $"<Queue {Name} -> [{string.Join(", ", _bindings)}]>"
        : string.Create(CultureInfo.InvariantCulture, $"<Queue {Name} -> {Exchange} -> {RoutingKey}>");

    private void SetGeneratedName(string name)
    {
        if (Name.Length == 0)
            Name = name;
    }
}
