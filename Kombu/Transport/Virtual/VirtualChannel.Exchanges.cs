using Kombu.Exceptions;

namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    /// <inheritdoc/>
    /// <exception cref="KombuChannelException">
    /// A passive declaration names a missing exchange (<c>NOT_FOUND</c>), the type is unknown, or the exchange exists
    /// with a different type, durability, auto-delete flag or arguments (<c>PRECONDITION_FAILED</c>).
    /// </exception>
    /// <exception cref="UnsupportedOperationException">The store cannot route this type (see <see cref="RefuseExchangeType"/>).</exception>
    public ValueTask ExchangeDeclareAsync(string exchange, string type = "direct", bool durable = false,
        bool autoDelete = false, IDictionary<string, object?>? arguments = null, bool nowait = false, bool passive = false,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        type = string.IsNullOrEmpty(type) ? "direct" : type;
        exchange = string.IsNullOrEmpty(exchange) ? "amq." + type : exchange;
        if (passive)
        {
            if (!State.TryGetExchange(exchange, out _))
                throw new KombuChannelException(ErrorMessages.NoExchange(exchange, VirtualHost));
            return default;
        }
        if (RefuseExchangeType(exchange, type) is { } reason)
            throw new UnsupportedOperationException(reason);
        if (!ExchangeTypes.ContainsKey(type))
            throw new KombuChannelException(ErrorMessages.UnknownExchangeType(type));
        if (!State.TryGetExchange(exchange, out var previous))
            previous = State.GetOrAddExchange(exchange, new ExchangeInfo(type, durable, autoDelete, arguments));
        if (!TypeOf(exchange).Equivalent(previous, exchange, type, durable, autoDelete, arguments))
            throw new KombuChannelException(ErrorMessages.ExchangeNotEquivalent(exchange, VirtualHost));
        return default;
    }

    /// <inheritdoc/>
    /// <remarks>With <paramref name="ifUnused"/>, an exchange that still has bindings is left alone.</remarks>
    public async ValueTask ExchangeDeleteAsync(string exchange, bool ifUnused = false, bool nowait = false,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        if (ifUnused && State.TryGetExchange(exchange, out var info) && info.Table.Count > 0)
            return;
        foreach (var (name, entry) in State.DeleteExchange(exchange))
            await RemoveBindingAsync(name, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="UnsupportedOperationException">Always: virtual channels have no exchange-to-exchange bindings.</exception>
    public ValueTask ExchangeBindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        throw new UnsupportedOperationException(ErrorMessages.ExchangeBindNotSupported);

    /// <inheritdoc/>
    /// <exception cref="UnsupportedOperationException">Always: virtual channels have no exchange-to-exchange bindings.</exception>
    public ValueTask ExchangeUnbindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default) =>
        throw new UnsupportedOperationException(ErrorMessages.ExchangeBindNotSupported);

    /// <summary>Says why this store cannot route an exchange type; the default accepts every type of <see cref="ExchangeTypes"/>.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="type">Exchange type.</param>
    /// <returns>The error message for the user, or <see langword="null"/> when the type is supported.</returns>
    /// <remarks>Kombu's <c>supports_fanout = False</c>: stores without publish/subscribe refuse <c>fanout</c> here.</remarks>
    protected virtual string? RefuseExchangeType(string exchange, string type) => null;

    // AMQP brokers predeclare amq.direct, amq.topic, amq.fanout and amq.headers; so does the emulation, on first use.
    private bool TryGetOrAddStandardExchange(string exchange)
    {
        if (State.TryGetExchange(exchange, out _))
            return true;
        if (!exchange.StartsWith("amq.", StringComparison.Ordinal) || !ExchangeTypes.ContainsKey(exchange[4..]))
            return false;
        State.GetOrAddExchange(exchange, new ExchangeInfo(exchange[4..], durable: true, autoDelete: false, null));
        return true;
    }
}
