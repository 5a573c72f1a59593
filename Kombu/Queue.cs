using System.Globalization;
using Kombu.Diagnostics;
using Kombu.Serialization;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

/// <summary>A queue declaration: a named queue, the exchange it binds to and the binding key.</summary>
/// <remarks>Kombu's <c>kombu.Queue</c>. Python's <c>queue(channel)</c> is <see cref="Bind(IChannel)"/>.</remarks>
public sealed class Queue : MaybeChannelBound, IEquatable<Queue>
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

    /// <summary>Declares the exchange, the queue and its bindings.</summary>
    /// <param name="nowait">Do not wait for the broker's replies.</param>
    /// <param name="channel">Channel to use instead of the bound one.</param>
    /// <returns>The queue name (generated by the broker if it was empty).</returns>
    /// <exception cref="Exceptions.NotBoundException">No channel was given and the queue is not bound.</exception>
    public string Declare(bool nowait = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(DeclareAsync(nowait, channel));

    /// <inheritdoc cref="Declare"/>
    public async ValueTask<string> DeclareAsync(bool nowait = false, IChannel? channel = null,
        CancellationToken cancellationToken = default)
    {
        var ch = ChannelFor(channel, "declare");
        if (NoDeclare)
            return Name;
        if (Exchange is not null)
            await Exchange.DeclareAsync(nowait, channel: ch, cancellationToken: cancellationToken).ConfigureAwait(false);
        await QueueDeclareAsync(nowait, passive: false, ch, cancellationToken).ConfigureAwait(false);
        if (Exchange is { Name.Length: > 0 })
            await QueueBindAsync(nowait, ch, cancellationToken).ConfigureAwait(false);
        foreach (var binding in _bindings)
        {
            await binding.DeclareAsync(ch, nowait, cancellationToken).ConfigureAwait(false);
            await binding.BindAsync(this, nowait, ch, cancellationToken).ConfigureAwait(false);
        }
        return Name;
    }

    /// <summary>Declares only the queue.</summary>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="passive">Only check that the queue exists.</param>
    /// <param name="channel">Channel to use instead of the bound one.</param>
    /// <returns>The queue name with its message and consumer counts.</returns>
    public QueueDeclareResult QueueDeclare(bool nowait = false, bool passive = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(QueueDeclareAsync(nowait, passive, channel));

    /// <inheritdoc cref="QueueDeclare"/>
    public async ValueTask<QueueDeclareResult> QueueDeclareAsync(bool nowait = false, bool passive = false,
        IChannel? channel = null, CancellationToken cancellationToken = default)
    {
        var result = await ChannelFor(channel, "queue_declare").QueueDeclareAsync(Name, passive, Durable, Exclusive,
            AutoDelete, DeclarationArguments(), nowait, cancellationToken).ConfigureAwait(false);
        SetGeneratedName(result.Queue);
        return result;
    }

    /// <summary>Creates the main binding of the queue.</summary>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="channel">Channel to use instead of the bound one.</param>
    public void QueueBind(bool nowait = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(QueueBindAsync(nowait, channel));

    /// <inheritdoc cref="QueueBind"/>
    public ValueTask QueueBindAsync(bool nowait = false, IChannel? channel = null, CancellationToken cancellationToken = default) =>
        BindToAsync(Exchange?.Name ?? "", RoutingKey, BindingArguments, nowait, channel, cancellationToken);

    /// <summary>Removes the main binding of the queue.</summary>
    /// <param name="arguments">Unbind arguments.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="channel">Channel to use instead of the bound one.</param>
    public void QueueUnbind(IDictionary<string, object?>? arguments = null, bool nowait = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(QueueUnbindAsync(arguments, nowait, channel));

    /// <inheritdoc cref="QueueUnbind"/>
    public ValueTask QueueUnbindAsync(IDictionary<string, object?>? arguments = null, bool nowait = false,
        IChannel? channel = null, CancellationToken cancellationToken = default) =>
        UnbindFromAsync(Exchange?.Name ?? "", RoutingKey, arguments, nowait, channel, cancellationToken);

    /// <summary>Binds the queue to an exchange.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="channel">Channel to use instead of the bound one.</param>
    public void BindTo(string exchange = "", string routingKey = "", IDictionary<string, object?>? arguments = null,
        bool nowait = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(BindToAsync(exchange, routingKey, arguments, nowait, channel));

    /// <inheritdoc cref="BindTo"/>
    public ValueTask BindToAsync(string exchange = "", string routingKey = "", IDictionary<string, object?>? arguments = null,
        bool nowait = false, IChannel? channel = null, CancellationToken cancellationToken = default) =>
        ChannelFor(channel, "bind_to").QueueBindAsync(Name, exchange, routingKey, arguments, nowait, cancellationToken);

    /// <summary>Removes a binding of the queue.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="channel">Channel to use instead of the bound one.</param>
    public void UnbindFrom(string exchange = "", string routingKey = "", IDictionary<string, object?>? arguments = null,
        bool nowait = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(UnbindFromAsync(exchange, routingKey, arguments, nowait, channel));

    /// <inheritdoc cref="UnbindFrom"/>
    public ValueTask UnbindFromAsync(string exchange = "", string routingKey = "", IDictionary<string, object?>? arguments = null,
        bool nowait = false, IChannel? channel = null, CancellationToken cancellationToken = default) =>
        ChannelFor(channel, "unbind_from").QueueUnbindAsync(Name, exchange, routingKey, arguments, nowait, cancellationToken);

    /// <summary>Fetches one message from the queue, if there is one.</summary>
    /// <param name="noAck">Skip acknowledgement; defaults to <see cref="NoAck"/>.</param>
    /// <param name="accept">Content types to accept (aliases or MIME types); <see langword="null"/> for the defaults.</param>
    /// <returns>The message, or <see langword="null"/> when the queue is empty.</returns>
    public Message? Get(bool? noAck = null, IEnumerable<string>? accept = null) =>
        SyncOverAsync.Wait(GetAsync(noAck, accept));

    /// <inheritdoc cref="Get"/>
    public async ValueTask<Message?> GetAsync(bool? noAck = null, IEnumerable<string>? accept = null,
        CancellationToken cancellationToken = default)
    {
        var channel = ChannelFor(null, "get");
        using var activity = KombuTracing.StartReceive(channel, Name);
        var incoming = await channel.BasicGetAsync(Name, noAck ?? NoAck, cancellationToken).ConfigureAwait(false);
        var message = incoming.HasValue ? new Message(incoming.GetValueOrDefault()) : null;
        if (message is not null && activity is not null)
            KombuTracing.Received(activity, message, Name);
        if (message is not null && KombuMetrics.ConsumeObserved)
        {
            MessageQueues.Set(message, Name);
            KombuMetrics.RecordDelivered(message);
        }
        return Prepare(message, accept);
    }

    /// <summary>Removes all ready messages from the queue.</summary>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <returns>The number of messages removed.</returns>
    public long Purge(bool nowait = false) => SyncOverAsync.Wait(PurgeAsync(nowait));

    /// <inheritdoc cref="Purge"/>
    public ValueTask<long> PurgeAsync(bool nowait = false, CancellationToken cancellationToken = default) =>
        ChannelFor(null, "purge").QueuePurgeAsync(Name, nowait, cancellationToken);

    /// <summary>Starts a consumer on the queue.</summary>
    /// <param name="callback">Called with each delivered message while events are drained.</param>
    /// <param name="consumerTag">Consumer tag; empty to have one generated.</param>
    /// <param name="noAck">Skip acknowledgements; defaults to <see cref="NoAck"/>.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <returns>The consumer tag.</returns>
    public string Consume(MessageHandler callback, string consumerTag = "", bool? noAck = null, bool nowait = false) =>
        SyncOverAsync.Wait(ConsumeAsync(callback, consumerTag, noAck, nowait));

    /// <inheritdoc cref="Consume"/>
    public ValueTask<string> ConsumeAsync(MessageHandler callback, string consumerTag = "", bool? noAck = null,
        bool nowait = false, CancellationToken cancellationToken = default) =>
        ChannelFor(null, "consume").BasicConsumeAsync(Name, noAck ?? NoAck, callback, consumerTag, nowait,
            ConsumerArguments, cancellationToken);

    /// <summary>Cancels a consumer by its tag.</summary>
    /// <param name="consumerTag">The consumer tag.</param>
    public void Cancel(string consumerTag) => SyncOverAsync.Wait(CancelAsync(consumerTag));

    /// <inheritdoc cref="Cancel"/>
    public ValueTask CancelAsync(string consumerTag, CancellationToken cancellationToken = default) =>
        ChannelFor(null, "cancel").BasicCancelAsync(consumerTag, cancellationToken);

    /// <summary>Deletes the queue.</summary>
    /// <param name="ifUnused">Delete only if it has no consumers.</param>
    /// <param name="ifEmpty">Delete only if it has no messages.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <returns>The number of messages deleted with it.</returns>
    public long Delete(bool ifUnused = false, bool ifEmpty = false, bool nowait = false) =>
        SyncOverAsync.Wait(DeleteAsync(ifUnused, ifEmpty, nowait));

    /// <inheritdoc cref="Delete"/>
    public ValueTask<long> DeleteAsync(bool ifUnused = false, bool ifEmpty = false, bool nowait = false,
        CancellationToken cancellationToken = default) =>
        ChannelFor(null, "delete").QueueDeleteAsync(Name, ifUnused, ifEmpty, nowait, cancellationToken);

    private static Message? Prepare(Message? message, IEnumerable<string>? accept)
    {
        if (message is null)
            return null;
        if (message.Errors.Count > 0)
            throw message.Errors[0];
        message.Accept = Serializers.PrepareAcceptContent(accept);
        return message;
    }
}
