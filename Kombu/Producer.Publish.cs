using System.Diagnostics;
using System.Globalization;
using Kombu.Diagnostics;
using Kombu.Exceptions;
using Kombu.Serialization;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

public sealed partial class Producer
{
    /// <summary>Serializes, compresses and publishes a message.</summary>
    /// <param name="body">The body: any serializable value, or bytes/text sent as is.</param>
    /// <param name="routingKey">Routing key; defaults to <see cref="RoutingKey"/>.</param>
    /// <param name="deliveryMode">1/"transient" or 2/"persistent"; defaults to the exchange's, else persistent.</param>
    /// <param name="mandatory">Return the message if no queue receives it (where supported).</param>
    /// <param name="immediate">Return the message if no consumer can take it at once (where supported).</param>
    /// <param name="priority">Message priority, 0–9.</param>
    /// <param name="contentType">Content type of an already serialized body; skips serialization.</param>
    /// <param name="contentEncoding">Content encoding of an already serialized body.</param>
    /// <param name="serializer">Serializer name: json, raw, or any registered one.</param>
    /// <param name="headers">Application headers.</param>
    /// <param name="compression">Compression method: zlib, bzip2, or any registered one.</param>
    /// <param name="exchange">Publish to this exchange name instead of the default.</param>
    /// <param name="retry">Retry through connection and channel errors.</param>
    /// <param name="retryPolicy">How to retry when <paramref name="retry"/> is set.</param>
    /// <param name="declare">Entities to declare (once per connection) before publishing.</param>
    /// <param name="expiration">Message time-to-live; sent as milliseconds in the <c>expiration</c> property.</param>
    /// <param name="correlationId">The <c>correlation_id</c> property.</param>
    /// <param name="replyTo">The <c>reply_to</c> property.</param>
    /// <param name="properties">More message properties (<c>message_id</c>, <c>timestamp</c>, …).</param>
    /// <param name="timeout">How long to wait for the publish to complete, the broker's confirm included when the channel
    /// uses publisher confirms (AMQP with <c>confirm_publish</c>); <see langword="null"/> waits as long as it takes. Each
    /// attempt of a <paramref name="retry"/> gets the whole time.</param>
    /// <exception cref="Exceptions.SerializerNotInstalledException">The serializer or compression method is unknown.</exception>
    /// <exception cref="Exceptions.EncodeException">The body cannot be serialized.</exception>
    /// <exception cref="Exceptions.PublishTimeoutException">The publish did not complete within <paramref name="timeout"/>.</exception>
    /// <exception cref="Exceptions.MessageNackedException">The broker refused the message (a publisher-confirm nack).</exception>
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
        CancellationToken cancellationToken = default)
    {
        // Not an async method: a plain publish returns the channel's own ValueTask, with no state machine of ours.
        var observation = PublishObservation.Start(Channel, exchange ?? Exchange.Name, routingKey ?? RoutingKey);
        Send send;
        try
        {
            var (message, exchangeName, key, entities) = Build(body, routingKey, deliveryMode, priority, contentType,
                contentEncoding, serializer, headers, compression, exchange, declare, expiration, correlationId, replyTo,
                properties, observation.Activity);
            send = new Send(message, exchangeName, key, entities, mandatory, immediate, retryPolicy, timeout);
        }
        catch (Exception ex)
        {
            observation.Fail(ex);
            return ValueTask.FromException(ex);
        }
        ValueTask sending;
        try
        {
            sending = retry ? SendWithRetryAsync(send, cancellationToken) : SendAsync(send, false, cancellationToken);
        }
        catch (Exception ex)
        {
            observation.Fail(ex);
            throw;
        }
        return observation.TrackAsync(sending);
    }

    // The retry closure lives in its own method, so a publish without retry allocates no closure.
    private async ValueTask SendWithRetryAsync(Send send, CancellationToken cancellationToken)
    {
        async Task<bool> AttemptAsync(CancellationToken ct)
        {
            await SendAsync(send, true, ct).ConfigureAwait(false);
            return true;
        }
        await Connection.EnsureAsync(this, AttemptAsync, send.RetryPolicy)(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask SendAsync(Send send, bool retry, CancellationToken cancellationToken) =>
        send.Declare is null && send.Timeout is null
            ? Channel.BasicPublishAsync(send.Message, send.Exchange, send.RoutingKey, send.Mandatory, send.Immediate,
                cancellationToken)
            : DeclareAndSendAsync(send, retry, cancellationToken);

    private async ValueTask DeclareAndSendAsync(Send send, bool retry, CancellationToken cancellationToken)
    {
        if (send.Declare is not null)
        {
            foreach (var entity in send.Declare)
                await MaybeDeclareAsync(entity, retry, send.RetryPolicy, cancellationToken).ConfigureAwait(false);
        }
        if (send.Timeout is { } timeout)
        {
            await PublishWithinAsync(send, timeout, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Channel.BasicPublishAsync(send.Message, send.Exchange, send.RoutingKey, send.Mandatory, send.Immediate,
                cancellationToken).ConfigureAwait(false);
        }
    }

    // Kombu 5's publish timeout: the channel's wait (for the broker's confirm) is cancelled when the time is up.
    private async ValueTask PublishWithinAsync(Send send, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await Channel.BasicPublishAsync(send.Message, send.Exchange, send.RoutingKey, send.Mandatory, send.Immediate,
                deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PublishTimeoutException(send.Exchange, send.RoutingKey, timeout, ex);
        }
    }

    // One publish, as built: what every attempt sends.
    private readonly record struct Send(OutgoingMessage Message, string Exchange, string RoutingKey, List<MaybeChannelBound>? Declare,
        bool Mandatory, bool Immediate, RetryPolicy? RetryPolicy, TimeSpan? Timeout);

    internal (OutgoingMessage Message, string Exchange, string RoutingKey, List<MaybeChannelBound>? Declare) Build(
        object? body, string? routingKey, object? deliveryMode, int priority, string? contentType,
        string? contentEncoding, string? serializer, IDictionary<string, object?>? headers, string? compression,
        string? exchange, IEnumerable<MaybeChannelBound>? declare, TimeSpan? expiration, string? correlationId,
        string? replyTo, IDictionary<string, object?>? properties, Activity? activity = null)
    {
        // A copy, so the caller may reuse its dictionary; none at all when there is nothing to send.
        var messageHeaders = headers is null or { Count: 0 } ? null : new Dictionary<string, object?>(headers, StringComparer.Ordinal);
        if (activity is not null)
            TraceContext.Inject(activity, ref messageHeaders);
        var (data, type, encoding) = MessageCodec.Encode(body, serializer ?? Serializer, contentType, contentEncoding,
            compression ?? Compression, ref messageHeaders, Connection.Logger);
        var props = properties is null ? null : new Dictionary<string, object?>(properties, StringComparer.Ordinal);
        if (expiration is { } ttl)
            (props ??= new(StringComparer.Ordinal))["expiration"] = ((long)ttl.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        if (correlationId is not null)
            (props ??= new(StringComparer.Ordinal))["correlation_id"] = correlationId;
        if (replyTo is not null)
            (props ??= new(StringComparer.Ordinal))["reply_to"] = replyTo;
        var mode = deliveryMode is not null ? DeliveryMode.Parse(deliveryMode) : Exchange.DeliveryMode ?? DeliveryMode.Persistent;
        List<MaybeChannelBound>? entities = declare is null ? null : [.. declare];
        if (AutoDeclare && Exchange.Name.Length > 0 && !(entities?.Contains(Exchange) ?? false))
            (entities ??= []).Add(Exchange);
        var message = new OutgoingMessage(data, type, encoding)
        {
            DeliveryMode = mode,
            Priority = priority,
            Headers = messageHeaders,
            Properties = props,
        };
        if (activity is not null)
            KombuTracing.Describe(activity, message);
        return (message, exchange ?? Exchange.Name, routingKey ?? RoutingKey, entities);
    }
}
