using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

public sealed partial class Exchange
{
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
