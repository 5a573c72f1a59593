using Kombu.Transport;

namespace Kombu;

public partial class Connection
{
    /// <summary>Creates a producer on this connection's default channel (or on <paramref name="channel"/>).</summary>
    /// <param name="channel">Channel to use instead of the default one.</param>
    /// <param name="exchange">Default exchange.</param>
    /// <param name="routingKey">Default routing key.</param>
    /// <param name="serializer">Default serializer.</param>
    /// <param name="autoDeclare">Declare the default exchange.</param>
    /// <param name="compression">Default compression method.</param>
    /// <returns>The producer.</returns>
    /// <remarks>Kombu's <c>Connection.Producer</c>.</remarks>
    public Producer CreateProducer(IChannel? channel = null, Exchange? exchange = null, string? routingKey = null,
        string? serializer = null, bool autoDeclare = true, string? compression = null) =>
        new(channel ?? DefaultChannel, exchange, routingKey, serializer, autoDeclare, compression);

    /// <summary>Creates a consumer on this connection's default channel (or on <paramref name="channel"/>).</summary>
    /// <param name="queues">The queues to consume from.</param>
    /// <param name="channel">Channel to use instead of the default one.</param>
    /// <param name="noAck">Consume without acknowledgements.</param>
    /// <param name="autoDeclare">Declare the queues.</param>
    /// <param name="callbacks">Called with (decoded body, message).</param>
    /// <param name="onDecodeError">Called with (message, error) on decode failures.</param>
    /// <param name="onMessage">Called with the raw message instead of the callbacks.</param>
    /// <param name="accept">Content types to accept.</param>
    /// <param name="prefetchCount">Prefetch window in messages.</param>
    /// <returns>The consumer; call <see cref="Consumer.Consume"/> to start it.</returns>
    /// <remarks>Kombu's <c>Connection.Consumer</c>.</remarks>
    public Consumer CreateConsumer(IEnumerable<Queue>? queues = null, IChannel? channel = null, bool noAck = false,
        bool autoDeclare = true, IEnumerable<Action<object?, Message>>? callbacks = null,
        Action<Message, Exception>? onDecodeError = null, Action<Message>? onMessage = null,
        IEnumerable<string>? accept = null, int? prefetchCount = null) =>
        new(channel ?? DefaultChannel, queues, noAck, autoDeclare, callbacks, onDecodeError, onMessage, accept, prefetchCount);
}
