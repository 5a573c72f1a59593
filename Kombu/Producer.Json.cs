using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kombu.Serialization;
using Kombu.Utils;

namespace Kombu;

public sealed partial class Producer
{
    /// <summary>Publishes <paramref name="body"/> as <c>application/json</c> written by System.Text.Json.</summary>
    /// <remarks>
    /// Not in Kombu: for .NET types, honouring <c>[JsonPropertyName]</c> and the given options; Python peers read the
    /// body with <c>json.loads</c> as any other JSON message. The other parameters are those of <see cref="Publish"/>. The
    /// overloads taking a <see cref="JsonTypeInfo{T}"/> instead of options take source-generated metadata
    /// (<c>MyContext.Default.MyType</c>).
    /// </remarks>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="body">The value to serialize.</param>
    /// <param name="options">Serializer options (naming policy, converters…).</param>
    /// <param name="routingKey">Routing key; defaults to <see cref="RoutingKey"/>.</param>
    /// <param name="deliveryMode">1/"transient" or 2/"persistent".</param>
    /// <param name="mandatory">Return the message if no queue receives it.</param>
    /// <param name="immediate">Return the message if no consumer can take it at once.</param>
    /// <param name="priority">Message priority, 0–9.</param>
    /// <param name="headers">Application headers.</param>
    /// <param name="compression">Compression method.</param>
    /// <param name="exchange">Publish to this exchange name instead of the default.</param>
    /// <param name="retry">Retry through connection and channel errors.</param>
    /// <param name="retryPolicy">How to retry.</param>
    /// <param name="declare">Entities to declare before publishing.</param>
    /// <param name="expiration">Message time-to-live.</param>
    /// <param name="correlationId">The <c>correlation_id</c> property.</param>
    /// <param name="replyTo">The <c>reply_to</c> property.</param>
    /// <param name="properties">More message properties.</param>
    /// <param name="timeout">How long to wait for the publish (and its confirm) to complete.</param>
    /// <exception cref="Exceptions.EncodeException">System.Text.Json cannot serialize the body.</exception>
    public void Publish<T>(T body, JsonSerializerOptions options, string? routingKey = null, object? deliveryMode = null,
        bool mandatory = false, bool immediate = false, int priority = 0, IDictionary<string, object?>? headers = null,
        string? compression = null, string? exchange = null, bool retry = false, RetryPolicy? retryPolicy = null,
        IEnumerable<MaybeChannelBound>? declare = null, TimeSpan? expiration = null, string? correlationId = null,
        string? replyTo = null, IDictionary<string, object?>? properties = null, TimeSpan? timeout = null) =>
        Publish(body, TypedJson.TypeInfo<T>(options), routingKey, deliveryMode, mandatory, immediate, priority, headers,
            compression, exchange, retry, retryPolicy, declare, expiration, correlationId, replyTo, properties, timeout);

    /// <inheritdoc cref="Publish{T}(T, JsonSerializerOptions, string?, object?, bool, bool, int, IDictionary{string, object?}?, string?, string?, bool, RetryPolicy?, IEnumerable{MaybeChannelBound}?, TimeSpan?, string?, string?, IDictionary{string, object?}?, TimeSpan?)"/>
    public void Publish<T>(T body, JsonTypeInfo<T> jsonTypeInfo, string? routingKey = null, object? deliveryMode = null,
        bool mandatory = false, bool immediate = false, int priority = 0, IDictionary<string, object?>? headers = null,
        string? compression = null, string? exchange = null, bool retry = false, RetryPolicy? retryPolicy = null,
        IEnumerable<MaybeChannelBound>? declare = null, TimeSpan? expiration = null, string? correlationId = null,
        string? replyTo = null, IDictionary<string, object?>? properties = null, TimeSpan? timeout = null) =>
        SyncOverAsync.Wait(PublishAsync(body, jsonTypeInfo, routingKey, deliveryMode, mandatory, immediate, priority,
            headers, compression, exchange, retry, retryPolicy, declare, expiration, correlationId, replyTo, properties,
            timeout));

    /// <inheritdoc cref="Publish{T}(T, JsonSerializerOptions, string?, object?, bool, bool, int, IDictionary{string, object?}?, string?, string?, bool, RetryPolicy?, IEnumerable{MaybeChannelBound}?, TimeSpan?, string?, string?, IDictionary{string, object?}?, TimeSpan?)"/>
    public ValueTask PublishAsync<T>(T body, JsonSerializerOptions options, string? routingKey = null,
        object? deliveryMode = null, bool mandatory = false, bool immediate = false, int priority = 0,
        IDictionary<string, object?>? headers = null, string? compression = null, string? exchange = null,
        bool retry = false, RetryPolicy? retryPolicy = null, IEnumerable<MaybeChannelBound>? declare = null,
        TimeSpan? expiration = null, string? correlationId = null, string? replyTo = null,
        IDictionary<string, object?>? properties = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        PublishAsync(body, TypedJson.TypeInfo<T>(options), routingKey, deliveryMode, mandatory, immediate, priority,
            headers, compression, exchange, retry, retryPolicy, declare, expiration, correlationId, replyTo, properties,
            timeout, cancellationToken);

    /// <inheritdoc cref="Publish{T}(T, JsonTypeInfo{T}, string?, object?, bool, bool, int, IDictionary{string, object?}?, string?, string?, bool, RetryPolicy?, IEnumerable{MaybeChannelBound}?, TimeSpan?, string?, string?, IDictionary{string, object?}?, TimeSpan?)"/>
    public ValueTask PublishAsync<T>(T body, JsonTypeInfo<T> jsonTypeInfo, string? routingKey = null,
        object? deliveryMode = null, bool mandatory = false, bool immediate = false, int priority = 0,
        IDictionary<string, object?>? headers = null, string? compression = null, string? exchange = null,
        bool retry = false, RetryPolicy? retryPolicy = null, IEnumerable<MaybeChannelBound>? declare = null,
        TimeSpan? expiration = null, string? correlationId = null, string? replyTo = null,
        IDictionary<string, object?>? properties = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        byte[] data;
        try
        {
            data = TypedJson.Serialize(body, jsonTypeInfo);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
        return PublishAsync(data, routingKey, deliveryMode, mandatory, immediate, priority, ContentTypes.Json, "utf-8",
            null, headers, compression, exchange, retry, retryPolicy, declare, expiration, correlationId, replyTo,
            properties, timeout, cancellationToken);
    }
}
