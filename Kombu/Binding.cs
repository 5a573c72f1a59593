using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

/// <summary>One binding of a queue to an exchange, for queues bound to several exchanges or keys.</summary>
/// <remarks>Kombu's <c>kombu.binding</c>.</remarks>
public sealed class Binding : IEquatable<Binding>
{
    /// <summary>Creates a binding.</summary>
    /// <param name="exchange">The exchange to bind to.</param>
    /// <param name="routingKey">The binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <param name="unbindArguments">Arguments used when unbinding.</param>
    public Binding(Exchange? exchange = null, string routingKey = "", IDictionary<string, object?>? arguments = null,
        IDictionary<string, object?>? unbindArguments = null)
    {
        Exchange = exchange;
        RoutingKey = routingKey;
        Arguments = arguments;
        UnbindArguments = unbindArguments;
    }

    /// <summary>The exchange to bind to.</summary>
    public Exchange? Exchange { get; }

    /// <summary>The binding key.</summary>
    public string RoutingKey { get; }

    /// <summary>Binding arguments.</summary>
    public IDictionary<string, object?>? Arguments { get; }

    /// <summary>Arguments used when unbinding.</summary>
    public IDictionary<string, object?>? UnbindArguments { get; }

    /// <summary>Declares the binding's exchange (unless it is the default exchange).</summary>
    /// <param name="channel">The channel to use.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    public void Declare(IChannel channel, bool nowait = false) => SyncOverAsync.Wait(DeclareAsync(channel, nowait));

    /// <inheritdoc cref="Declare"/>
    public ValueTask DeclareAsync(IChannel channel, bool nowait = false, CancellationToken cancellationToken = default) =>
        Exchange is { Name.Length: > 0 }
            ? Exchange.DeclareAsync(nowait, channel: channel, cancellationToken: cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Binds <paramref name="queue"/> with this binding.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="channel">Channel to use instead of the queue's.</param>
    public void Bind(Queue queue, bool nowait = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(BindAsync(queue, nowait, channel));

    /// <inheritdoc cref="Bind"/>
    public ValueTask BindAsync(Queue queue, bool nowait = false, IChannel? channel = null,
        CancellationToken cancellationToken = default) =>
        queue.BindToAsync(Exchange?.Name ?? "", RoutingKey, Arguments, nowait, channel, cancellationToken);

    /// <summary>Removes this binding from <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="channel">Channel to use instead of the queue's.</param>
    public void Unbind(Queue queue, bool nowait = false, IChannel? channel = null) =>
        SyncOverAsync.Wait(UnbindAsync(queue, nowait, channel));

    /// <inheritdoc cref="Unbind"/>
    public ValueTask UnbindAsync(Queue queue, bool nowait = false, IChannel? channel = null,
        CancellationToken cancellationToken = default) =>
        queue.UnbindFromAsync(Exchange?.Name ?? "", RoutingKey, UnbindArguments, nowait, channel, cancellationToken);

    /// <inheritdoc/>
    public bool Equals(Binding? other) =>
        other is not null && Equals(Exchange, other.Exchange) && RoutingKey == other.RoutingKey &&
        EntityEquality.ArgumentsEqual(Arguments, other.Arguments);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Binding other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Exchange, RoutingKey);

    /// <inheritdoc/>
    public override string ToString() => $"<binding: {Exchange?.Name}->{RoutingKey}>";
}
