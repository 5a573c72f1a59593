using Kombu.Utils;
namespace Kombu.Compat;

public sealed partial class Publisher
{
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
