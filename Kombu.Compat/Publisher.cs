using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Compat;

/// <summary>Publishes messages to one exchange with carrot's constructor and names.</summary>
/// <remarks>
/// Kombu's <c>kombu.compat.Publisher</c>, a carrot-compatible <see cref="Producer"/>. Kombu derives it from
/// <c>Producer</c>; <see cref="Producer"/> is sealed here, so the publisher wraps one and exposes the same members.
/// New code should use <see cref="Producer"/> directly.
/// </remarks>
public sealed class Publisher : IRevivable, IDisposable, IAsyncDisposable
{
    private readonly Producer _producer;

    /// <summary>Creates a publisher, declaring its exchange unless <paramref name="autoDeclare"/> is false.</summary>
    /// <param name="connection">The connection; its default channel is used unless <paramref name="channel"/> is given.</param>
    /// <param name="exchange">Exchange name (default empty: the default exchange).</param>
    /// <param name="routingKey">Default routing key (default empty).</param>
    /// <param name="exchangeType">Exchange type (default <c>direct</c>).</param>
    /// <param name="durable">Whether the exchange survives a broker restart (default true).</param>
    /// <param name="autoDelete">Whether the exchange is deleted when no queue uses it (default false).</param>
    /// <param name="channel">Channel to publish on instead of the connection's default channel.</param>
    /// <param name="serializer">Default serializer (json when the body needs one).</param>
    /// <param name="compression">Default compression method, such as <c>zlib</c>.</param>
    /// <param name="deliveryMode">Default delivery mode: 1/"transient" or 2/"persistent" (default persistent).</param>
    /// <param name="autoDeclare">Declare the exchange now and before publishing (default true).</param>
    /// <param name="onReturn">Called with (error, exchange, routing key, message) for returned messages, where supported.</param>
    public Publisher(Connection connection, string? exchange = null, string? routingKey = null,
        string? exchangeType = null, bool? durable = null, bool? autoDelete = null, IChannel? channel = null,
        string? serializer = null, string? compression = null, object? deliveryMode = null, bool autoDeclare = true,
        Action<Exception, string, string, Message>? onReturn = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ExchangeType = string.IsNullOrEmpty(exchangeType) ? "direct" : exchangeType;
        Durable = durable ?? true;
        AutoDelete = autoDelete ?? false;
        var entity = new Exchange(exchange ?? "", ExchangeType, durable: Durable, autoDelete: AutoDelete,
            deliveryMode: deliveryMode);
        _producer = channel is null
            ? new Producer(connection, entity, routingKey ?? "", serializer, autoDeclare, compression, onReturn)
            : new Producer(channel, entity, routingKey ?? "", serializer, autoDeclare, compression, onReturn);
        Connection = connection;
    }

    /// <summary>The wrapped modern producer.</summary>
    public Producer Producer => _producer;

    /// <summary>The connection the publisher was created with.</summary>
    public Connection Connection { get; }

    /// <summary>The channel messages are published on.</summary>
    public IChannel Channel => _producer.Channel;

    /// <summary>The channel messages are published on, under carrot's name.</summary>
    /// <remarks>Carrot's <c>backend</c>; the same as <see cref="Channel"/>.</remarks>
    public IChannel Backend => _producer.Channel;

    /// <summary>The exchange, bound to <see cref="Channel"/>.</summary>
    public Exchange Exchange => _producer.Exchange;

    /// <summary>The exchange type.</summary>
    public string ExchangeType { get; }

    /// <summary>Whether the exchange survives a broker restart.</summary>
    public bool Durable { get; }

    /// <summary>Whether the exchange is deleted when no queue uses it.</summary>
    public bool AutoDelete { get; }

    /// <summary>The default routing key.</summary>
    public string RoutingKey => _producer.RoutingKey;

    /// <summary>The default serializer, or <see langword="null"/> to choose by body type.</summary>
    public string? Serializer => _producer.Serializer;

    /// <summary>The default compression method, or <see langword="null"/> for none.</summary>
    public string? Compression => _producer.Compression;

    /// <summary>The default delivery mode taken from the exchange, or <see langword="null"/> for persistent.</summary>
    public int? DeliveryMode => _producer.Exchange.DeliveryMode;

    /// <summary>Whether the exchange is declared automatically.</summary>
    public bool AutoDeclare => _producer.AutoDeclare;

    /// <summary>Called for returned (undeliverable) messages, where the transport supports it.</summary>
    public Action<Exception, string, string, Message>? OnReturn => _producer.OnReturn;

    /// <summary>Whether <see cref="Close"/> has been called.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Declares the exchange (unless it is the default, nameless one).</summary>
    public void Declare() => SyncOverAsync.Wait(DeclareAsync());

    /// <inheritdoc cref="Declare"/>
    public ValueTask DeclareAsync(CancellationToken cancellationToken = default) => _producer.DeclareAsync(cancellationToken);

    /// <summary>Declares an entity unless this connection already declared it.</summary>
    /// <param name="entity">An exchange or queue.</param>
    /// <param name="retry">Retry on connection errors.</param>
    /// <param name="retryPolicy">The retry policy.</param>
    /// <returns><see langword="true"/> when it was declared now.</returns>
    public bool MaybeDeclare(MaybeChannelBound entity, bool retry = false, RetryPolicy? retryPolicy = null) =>
        SyncOverAsync.Wait(MaybeDeclareAsync(entity, retry, retryPolicy));

    /// <inheritdoc cref="MaybeDeclare"/>
    public ValueTask<bool> MaybeDeclareAsync(MaybeChannelBound entity, bool retry = false, RetryPolicy? retryPolicy = null,
        CancellationToken cancellationToken = default) =>
        _producer.MaybeDeclareAsync(entity, retry, retryPolicy, cancellationToken);

    /// <summary>Continues on <paramref name="channel"/> after connection loss: rebinds and redeclares the exchange.</summary>
    /// <param name="channel">The new channel.</param>
    public void Revive(IChannel channel) => SyncOverAsync.Wait(ReviveAsync(channel));

    /// <inheritdoc cref="Revive"/>
    public ValueTask ReviveAsync(IChannel channel, CancellationToken cancellationToken = default) =>
        _producer.ReviveAsync(channel, cancellationToken);

    /// <summary>Closes the publisher; the channel stays open (it belongs to the connection).</summary>
    public void Close()
    {
        _producer.Close();
        IsClosed = true;
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Release() => Close();

    /// <summary>Same as <see cref="Close"/>; ends a <c>using</c> block as carrot's <c>with</c> did.</summary>
    public void Dispose() => Close();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override string ToString() => $"<Publisher: {Exchange.Name} {RoutingKey}>";

    /// <summary>Serializes, compresses and publishes a message to the exchange.</summary>
    /// <inheritdoc cref="Producer.Publish" path="/param"/>
    /// <inheritdoc cref="Producer.Publish" path="/exception"/>
    public void Publish(object? body, string? routingKey = null, object? deliveryMode = null, bool mandatory = false,
        bool immediate = false, int priority = 0, string? contentType = null, string? contentEncoding = null,
        string? serializer = null, IDictionary<string, object?>? headers = null, string? compression = null,
        string? exchange = null, bool retry = false, RetryPolicy? retryPolicy = null,
        IEnumerable<MaybeChannelBound>? declare = null, TimeSpan? expiration = null, string? correlationId = null,
        string? replyTo = null, IDictionary<string, object?>? properties = null, TimeSpan? timeout = null) =>
        SyncOverAsync.Wait(PublishAsync(body, routingKey, deliveryMode, mandatory, immediate, priority, contentType,
            contentEncoding, serializer, headers, compression, exchange, retry, retryPolicy, declare, expiration,
            correlationId, replyTo, properties, timeout));

    /// <inheritdoc cref="Publish"/>
    public ValueTask PublishAsync(object? body, string? routingKey = null, object? deliveryMode = null,
        bool mandatory = false, bool immediate = false, int priority = 0, string? contentType = null,
        string? contentEncoding = null, string? serializer = null, IDictionary<string, object?>? headers = null,
        string? compression = null, string? exchange = null, bool retry = false, RetryPolicy? retryPolicy = null,
        IEnumerable<MaybeChannelBound>? declare = null, TimeSpan? expiration = null, string? correlationId = null,
        string? replyTo = null, IDictionary<string, object?>? properties = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        _producer.PublishAsync(body, routingKey, deliveryMode, mandatory, immediate, priority, contentType,
            contentEncoding, serializer, headers, compression, exchange, retry, retryPolicy, declare, expiration,
            correlationId, replyTo, properties, timeout, cancellationToken);

    /// <summary>Publishes a message: carrot's name for <see cref="Publish"/>.</summary>
    /// <inheritdoc cref="Producer.Publish" path="/param"/>
    /// <inheritdoc cref="Producer.Publish" path="/exception"/>
    public void Send(object? body, string? routingKey = null, object? deliveryMode = null, bool mandatory = false,
        bool immediate = false, int priority = 0, string? contentType = null, string? contentEncoding = null,
        string? serializer = null, IDictionary<string, object?>? headers = null, string? compression = null,
        string? exchange = null, bool retry = false, RetryPolicy? retryPolicy = null,
        IEnumerable<MaybeChannelBound>? declare = null, TimeSpan? expiration = null, string? correlationId = null,
        string? replyTo = null, IDictionary<string, object?>? properties = null, TimeSpan? timeout = null) =>
        SyncOverAsync.Wait(SendAsync(body, routingKey, deliveryMode, mandatory, immediate, priority, contentType,
            contentEncoding, serializer, headers, compression, exchange, retry, retryPolicy, declare, expiration,
            correlationId, replyTo, properties, timeout));

    /// <inheritdoc cref="Send"/>
    public ValueTask SendAsync(object? body, string? routingKey = null, object? deliveryMode = null,
        bool mandatory = false, bool immediate = false, int priority = 0, string? contentType = null,
        string? contentEncoding = null, string? serializer = null, IDictionary<string, object?>? headers = null,
        string? compression = null, string? exchange = null, bool retry = false, RetryPolicy? retryPolicy = null,
        IEnumerable<MaybeChannelBound>? declare = null, TimeSpan? expiration = null, string? correlationId = null,
        string? replyTo = null, IDictionary<string, object?>? properties = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        PublishAsync(body, routingKey, deliveryMode, mandatory, immediate, priority, contentType, contentEncoding,
            serializer, headers, compression, exchange, retry, retryPolicy, declare, expiration, correlationId, replyTo,
            properties, timeout, cancellationToken);
}
