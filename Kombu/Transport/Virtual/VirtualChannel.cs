using System.Collections.Frozen;
using Kombu.Exceptions;

namespace Kombu.Transport.Virtual;

/// <summary>An AMQP channel emulated over a simple queue store: exchanges, bindings, QoS and acks live in .NET.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.virtual.Channel</c>. A subclass supplies the storage primitives (<see cref="GetAsync"/>,
/// <see cref="PutAsync"/>, <see cref="PurgeAsync"/>, <see cref="SizeAsync"/>, <see cref="DeleteAsync"/>…); this
/// class does the routing and delivery bookkeeping. Use a channel from one thread at a time.
/// </remarks>
public abstract partial class VirtualChannel : IChannel
{
    private static readonly FrozenDictionary<string, ExchangeType> s_standardExchangeTypes =
        new ExchangeType[] { new DirectExchange(), new TopicExchange(), new FanoutExchange(), new HeadersExchange() }
            .ToFrozenDictionary(t => t.Type, StringComparer.Ordinal);

    private volatile bool _closed;

    /// <summary>Creates a channel of <paramref name="transport"/>.</summary>
    /// <param name="transport">The transport (and connection) this channel belongs to.</param>
    protected VirtualChannel(VirtualTransport transport)
    {
        VirtualTransport = transport;
        QoS = new QoS(this);
        _queueCycle = new FairCycle<string>(GetAndDeliverAsync, _activeQueues);
    }

    /// <summary>The exchange types every virtual channel routes: direct, topic, fanout and headers.</summary>
    public static IReadOnlyDictionary<string, ExchangeType> StandardExchangeTypes => s_standardExchangeTypes;

    /// <inheritdoc/>
    public BrokerTransport Transport => VirtualTransport;

    /// <summary>The transport this channel belongs to (Kombu's <c>channel.connection</c>).</summary>
    public VirtualTransport VirtualTransport { get; }

    /// <inheritdoc/>
    public bool IsOpen => !_closed;

    /// <summary>Prefetch limit and unacknowledged messages of this channel.</summary>
    public QoS QoS { get; }

    /// <summary>The exchanges and bindings this channel routes with.</summary>
    public BrokerState State => VirtualTransport.State;

    /// <summary>Queue that receives messages no binding matched, or <see langword="null"/> to drop them.</summary>
    public string? DeadLetterQueue => VirtualTransport.DeadLetterQueue;

    /// <summary>Body encoding written into each envelope (<c>base64</c> by default).</summary>
    public string? BodyEncoding => VirtualTransport.BodyEncoding;

    /// <summary>Exchange type implementations by name; override to add or remove types.</summary>
    protected virtual IReadOnlyDictionary<string, ExchangeType> ExchangeTypes => s_standardExchangeTypes;

    /// <summary>The virtual host named in AMQP-like error texts.</summary>
    protected string VirtualHost => string.IsNullOrEmpty(VirtualTransport.Client.VirtualHost) ? "/" : VirtualTransport.Client.VirtualHost;

    /// <summary>Gets the exchange type that routes <paramref name="exchange"/>; an undeclared exchange is direct.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <returns>The exchange type.</returns>
    public ExchangeType TypeOf(string exchange) =>
        State.TryGetExchange(exchange, out var info) && ExchangeTypes.TryGetValue(info.Type, out var type)
            ? type
            : s_standardExchangeTypes["direct"];

    /// <summary>Throws when the channel is closed.</summary>
    /// <exception cref="KombuChannelException">The channel is closed.</exception>
    protected void EnsureOpen()
    {
        if (_closed)
            throw new KombuChannelException(ErrorMessages.ChannelClosed);
    }
}
