using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

/// <summary>An exchange declaration: where producers send messages and how they are routed to queues.</summary>
/// <remarks>Kombu's <c>kombu.Exchange</c>. Python's <c>exchange(channel)</c> is <see cref="Bind(IChannel)"/>.</remarks>
public sealed class Exchange : MaybeChannelBound, IEquatable<Exchange>
{
    /// <summary>Delivery mode 1: transient.</summary>
    public const int TransientDeliveryMode = Kombu.DeliveryMode.Transient;

    /// <summary>Delivery mode 2: persistent.</summary>
    public const int PersistentDeliveryMode = Kombu.DeliveryMode.Persistent;

    /// <summary>Creates an exchange declaration.</summary>
    /// <param name="name">Exchange name; empty is the default exchange.</param>
    /// <param name="type">Routing algorithm: direct (default), topic, fanout or headers.</param>
    /// <param name="channel">Channel to bind to at once, if any.</param>
    /// <param name="durable">Survives a broker restart (default true).</param>
    /// <param name="autoDelete">Deleted when no queue uses it.</param>
    /// <param name="deliveryMode">Default delivery mode for messages: 1/"transient" or 2/"persistent"; <see langword="null"/> means persistent.</param>
    /// <param name="arguments">Extra declaration arguments.</param>
    /// <param name="passive">Declaring only checks that the exchange exists.</param>
    /// <param name="noDeclare">Never declare the exchange (it must already exist).</param>
    public Exchange(string name = "", string type = "direct", IChannel? channel = null, bool durable = true,
        bool autoDelete = false, object? deliveryMode = null, IDictionary<string, object?>? arguments = null,
        bool passive = false, bool noDeclare = false)
    {
        Name = name;
        Type = string.IsNullOrEmpty(type) ? "direct" : type;
        Durable = durable;
        AutoDelete = autoDelete;
        DeliveryMode = deliveryMode is null ? null : Kombu.DeliveryMode.Parse(deliveryMode);
        Arguments = arguments;
        Passive = passive;
        NoDeclare = noDeclare;
        MaybeBindSelf(channel);
    }

    /// <summary>The exchange name; empty for the default exchange.</summary>
    public string Name { get; }

    /// <summary>The routing algorithm: direct, topic, fanout or headers.</summary>
    public string Type { get; }

    /// <summary>Whether the exchange survives a broker restart.</summary>
    public bool Durable { get; }

    /// <summary>Whether the exchange is deleted when no queue uses it.</summary>
    public bool AutoDelete { get; }

    /// <summary>Default delivery mode for messages, or <see langword="null"/> (persistent).</summary>
    public int? DeliveryMode { get; }

    /// <summary>Extra declaration arguments.</summary>
    public IDictionary<string, object?>? Arguments { get; }

    /// <summary>Whether declaring only checks that the exchange exists.</summary>
    public bool Passive { get; }

    /// <summary>Whether the exchange is never declared.</summary>
    public bool NoDeclare { get; }

    /// <inheritdoc/>
    public override bool CanCacheDeclaration => !AutoDelete;

    /// <summary>Returns a copy of this exchange bound to <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The bound copy.</returns>
    public Exchange Bind(IChannel channel) => BoundCopy<Exchange>(channel);

    /// <summary>Returns a copy of this exchange bound to the connection's default channel.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The bound copy.</returns>
    public Exchange Bind(Connection connection) => Bind(connection.DefaultChannel);

    /// <summary>Returns this exchange if bound, else a copy bound to <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>A bound exchange.</returns>
    public Exchange MaybeBind(IChannel channel) => IsBound ? this : Bind(channel);

    /// <summary>A binding of this exchange with a routing key, for a queue's list of bindings.</summary>
    /// <param name="routingKey">The binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <param name="unbindArguments">Arguments used when unbinding.</param>
    /// <returns>The binding.</returns>
    public Binding Binding(string routingKey = "", IDictionary<string, object?>? arguments = null,
        IDictionary<string, object?>? unbindArguments = null) => new(this, routingKey, arguments, unbindArguments);

    /// <summary>Builds a message to publish with <see cref="Publish"/>, without serialization.</summary>
    /// <param name="body">The body: bytes, or text sent as UTF-8.</param>
    /// <param name="deliveryMode">Delivery mode; defaults to the exchange's.</param>
    /// <param name="priority">Message priority.</param>
    /// <param name="contentType">MIME type of the body.</param>
    /// <param name="contentEncoding">Character set of the body.</param>
    /// <param name="properties">Further message properties.</param>
    /// <param name="headers">Application headers.</param>
    /// <returns>The message.</returns>
    /// <remarks>Kombu's <c>Exchange.Message</c>.</remarks>
    public OutgoingMessage CreateMessage(object body, object? deliveryMode = null, int priority = 0,
        string? contentType = null, string? contentEncoding = null, IDictionary<string, object?>? properties = null,
        IDictionary<string, object?>? headers = null)
    {
        var bytes = body switch
        {
            byte[] b => b,
            string s => System.Text.Encoding.UTF8.GetBytes(s),
            _ => throw new ArgumentException("The body of a raw message must be a byte array or a string.", nameof(body)),
        };
        return new OutgoingMessage(bytes, contentType, contentEncoding ?? (body is string ? "utf-8" : "binary"))
        {
            DeliveryMode = deliveryMode is null ? DeliveryMode ?? PersistentDeliveryMode : Kombu.DeliveryMode.Parse(deliveryMode),
            Priority = priority,
            Properties = properties,
            Headers = headers,
        };
    }

    /// <inheritdoc/>
    public bool Equals(Exchange? other) =>
        other is not null && Name == other.Name && Type == other.Type && Durable == other.Durable &&
        AutoDelete == other.AutoDelete && DeliveryMode == other.DeliveryMode &&
        EntityEquality.ArgumentsEqual(Arguments, other.Arguments);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Exchange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Type, Durable, AutoDelete, DeliveryMode);

    /// <summary>The declaration as a map with Kombu's key names.</summary>
    /// <returns>name, type, arguments, durable, passive, auto_delete, delivery_mode, no_declare.</returns>
    public IReadOnlyDictionary<string, object?> AsDict() => new Dictionary<string, object?>
    {
        ["name"] = Name,
        ["type"] = Type,
        ["arguments"] = Arguments,
        ["durable"] = Durable,
        ["passive"] = Passive,
        ["auto_delete"] = AutoDelete,
        ["delivery_mode"] = DeliveryMode,
        ["no_declare"] = NoDeclare,
    };

    /// <inheritdoc/>
    public override string ToString() => IsBound
        ? $"<Exchange {DisplayName}({Type}) bound to chan:{Channel.GetHashCode()}>"
        : $"<unbound Exchange {DisplayName}({Type})>";

    private string DisplayName => Name.Length == 0 ? "''" : Name;

    private bool CanDeclare => !NoDeclare && Name.Length > 0 && !Name.StartsWith("amq.", StringComparison.Ordinal);

    /// <summary>Declares the exchange on the broker (the default exchange and <c>amq.*</c> exchanges are skipped).</summary>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="passive">Only check that it exists; defaults to <see cref="Passive"/>.</param>
    /// <param name="channel">Channel to use instead of the bound one.</param>
    /// <exception cref="Exceptions.NotBoundException">No channel was given and the exchange is not bound.</exception>
    public void Declare(bool nowait = false, bool? passive = null, IChannel? channel = null) =>
        SyncOverAsync.Wait(DeclareAsync(nowait, passive, channel));

    /// <inheritdoc cref="Declare"/>
    public ValueTask DeclareAsync(bool nowait = false, bool? passive = null, IChannel? channel = null,
        CancellationToken cancellationToken = default) =>
        CanDeclare
            ? ChannelFor(channel, "declare").ExchangeDeclareAsync(Name, Type, Durable, AutoDelete, Arguments, nowait,
                passive ?? Passive, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Deletes the exchange on the broker.</summary>
    /// <param name="ifUnused">Delete only if it has no bindings.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <exception cref="Exceptions.NotBoundException">The exchange is not bound.</exception>
    public void Delete(bool ifUnused = false, bool nowait = false) => SyncOverAsync.Wait(DeleteAsync(ifUnused, nowait));

    /// <inheritdoc cref="Delete"/>
    public ValueTask DeleteAsync(bool ifUnused = false, bool nowait = false, CancellationToken cancellationToken = default) =>
        ChannelFor(null, "delete").ExchangeDeleteAsync(Name, ifUnused, nowait, cancellationToken);

    /// <summary>Binds this exchange to receive messages from <paramref name="source"/>.</summary>
    /// <param name="source">The exchange messages come from.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="channel">Channel to use instead of the bound one.</param>
    public void BindTo(Exchange source, string routingKey = "", IDictionary<string, object?>? arguments = null,
        bool nowait = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(BindToAsync(source, routingKey, arguments, nowait, channel));

    /// <inheritdoc cref="BindTo"/>
    public ValueTask BindToAsync(Exchange source, string routingKey = "", IDictionary<string, object?>? arguments = null,
        bool nowait = false, IChannel? channel = null, CancellationToken cancellationToken = default) =>
        ChannelFor(channel, "bind_to").ExchangeBindAsync(Name, source.Name, routingKey, arguments, nowait, cancellationToken);

    /// <summary>Removes the binding from <paramref name="source"/>.</summary>
    /// <param name="source">The exchange messages came from.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="channel">Channel to use instead of the bound one.</param>
    public void UnbindFrom(Exchange source, string routingKey = "", IDictionary<string, object?>? arguments = null,
        bool nowait = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(UnbindFromAsync(source, routingKey, arguments, nowait, channel));

    /// <inheritdoc cref="UnbindFrom"/>
    public ValueTask UnbindFromAsync(Exchange source, string routingKey = "", IDictionary<string, object?>? arguments = null,
        bool nowait = false, IChannel? channel = null, CancellationToken cancellationToken = default) =>
        ChannelFor(channel, "unbind_from").ExchangeUnbindAsync(Name, source.Name, routingKey, arguments, nowait, cancellationToken);

    /// <summary>Publishes a message built with <see cref="CreateMessage"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="routingKey">Routing key.</param>
    /// <param name="mandatory">Return the message if no queue receives it (where supported).</param>
    /// <param name="immediate">Return the message if no consumer can take it at once (where supported).</param>
    /// <param name="exchange">Publish to this exchange name instead.</param>
    public void Publish(OutgoingMessage message, string? routingKey = null, bool mandatory = false,
        bool immediate = false, string? exchange = null) =>
        SyncOverAsync.Wait(PublishAsync(message, routingKey, mandatory, immediate, exchange));

    /// <inheritdoc cref="Publish"/>
    public ValueTask PublishAsync(OutgoingMessage message, string? routingKey = null, bool mandatory = false,
        bool immediate = false, string? exchange = null, CancellationToken cancellationToken = default) =>
        ChannelFor(null, "publish").BasicPublishAsync(message, exchange ?? Name, routingKey ?? "", mandatory, immediate,
            cancellationToken);
}
