using System.Diagnostics;
using Kombu.Diagnostics;
using Kombu.Exceptions;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu;

public sealed partial class Producer
{
    /// <summary>Serializes and publishes many messages with the same options as one batch (beyond Kombu).</summary>
    /// <param name="bodies">The bodies, published in order; each is serialized as <see cref="Publish"/> would.</param>
    /// <param name="routingKey">Routing key; defaults to <see cref="RoutingKey"/>.</param>
    /// <param name="deliveryMode">1/"transient" or 2/"persistent"; defaults to the exchange's, else persistent.</param>
    /// <param name="mandatory">Return a message if no queue receives it (where supported).</param>
    /// <param name="immediate">Return a message if no consumer can take it at once (where supported).</param>
    /// <param name="priority">Message priority, 0–9.</param>
    /// <param name="contentType">Content type of already serialized bodies; skips serialization.</param>
    /// <param name="contentEncoding">Content encoding of already serialized bodies.</param>
    /// <param name="serializer">Serializer name: json, raw, or any registered one.</param>
    /// <param name="headers">Application headers of every message.</param>
    /// <param name="compression">Compression method: zlib, bzip2, or any registered one.</param>
    /// <param name="exchange">Publish to this exchange name instead of the default.</param>
    /// <param name="retry">Retry the whole batch through connection and channel errors (messages the broker already
    /// had may then be sent twice, as with a retried <see cref="Publish"/>).</param>
    /// <param name="retryPolicy">How to retry when <paramref name="retry"/> is set.</param>
    /// <param name="declare">Entities to declare (once per connection) before publishing.</param>
    /// <param name="expiration">Message time-to-live; sent as milliseconds in the <c>expiration</c> property.</param>
    /// <param name="correlationId">The <c>correlation_id</c> property.</param>
    /// <param name="replyTo">The <c>reply_to</c> property.</param>
    /// <param name="properties">More message properties (<c>message_id</c>, <c>timestamp</c>, …).</param>
    /// <param name="timeout">How long to wait for the whole batch, the broker's confirms included;
    /// <see langword="null"/> waits as long as it takes.</param>
    /// <remarks>
    /// Each message has the wire format of a single publish. The transport decides what a batch costs: Redis sends it
    /// in one round trip, AMQP publishes it pipelined and awaits the publisher confirms once, SQL stores it in one
    /// transaction, SQS in <c>SendMessageBatch</c> calls of 10, MongoDB with one <c>insertMany</c>; other transports
    /// publish one message after the other.
    /// </remarks>
    /// <exception cref="Exceptions.SerializerNotInstalledException">The serializer or compression method is unknown.</exception>
    /// <exception cref="Exceptions.EncodeException">A body cannot be serialized; nothing was published.</exception>
    /// <exception cref="Exceptions.PublishTimeoutException">The batch did not complete within <paramref name="timeout"/>.</exception>
    /// <exception cref="Exceptions.MessageNackedException">The broker refused a message (a publisher-confirm nack).</exception>
    public void PublishBatch(IEnumerable<object?> bodies, string? routingKey = null, object? deliveryMode = null,
        bool mandatory = false, bool immediate = false, int priority = 0, string? contentType = null,
        string? contentEncoding = null, string? serializer = null, IDictionary<string, object?>? headers = null,
        string? compression = null, string? exchange = null, bool retry = false, RetryPolicy? retryPolicy = null,
        IEnumerable<MaybeChannelBound>? declare = null, TimeSpan? expiration = null, string? correlationId = null,
        string? replyTo = null, IDictionary<string, object?>? properties = null, TimeSpan? timeout = null) =>
        SyncOverAsync.Wait(PublishBatchAsync(bodies, routingKey, deliveryMode, mandatory, immediate, priority, contentType,
            contentEncoding, serializer, headers, compression, exchange, retry, retryPolicy, declare, expiration,
            correlationId, replyTo, properties, timeout));

    /// <inheritdoc cref="PublishBatch"/>
    public async ValueTask PublishBatchAsync(IEnumerable<object?> bodies, string? routingKey = null,
        object? deliveryMode = null, bool mandatory = false, bool immediate = false, int priority = 0,
        string? contentType = null, string? contentEncoding = null, string? serializer = null,
        IDictionary<string, object?>? headers = null, string? compression = null, string? exchange = null,
        bool retry = false, RetryPolicy? retryPolicy = null, IEnumerable<MaybeChannelBound>? declare = null,
        TimeSpan? expiration = null, string? correlationId = null, string? replyTo = null,
        IDictionary<string, object?>? properties = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var exchangeName = exchange ?? Exchange.Name;
        var key = routingKey ?? RoutingKey;
        List<OutgoingMessage> messages = bodies.TryGetNonEnumeratedCount(out var count) ? new(count) : [];
        List<MaybeChannelBound>? entities = null;
        List<ActivityLink>? links = null;
        foreach (var body in bodies)
        {
            // Each message gets a create span of its own, whose context its headers carry (the conventions for batches).
            using var create = KombuTracing.StartCreate(Channel, exchangeName, key);
            var built = Build(body, routingKey, deliveryMode, priority, contentType, contentEncoding, serializer, headers,
                compression, exchange, declare, expiration, correlationId, replyTo, properties, create);
            messages.Add(built.Message);
            entities = built.Declare;
            if (create is not null)
                (links ??= []).Add(new ActivityLink(create.Context));
        }
        if (messages.Count == 0)
            return;
        var batch = new Batch(messages, exchangeName, key, entities, mandatory, immediate, retryPolicy, timeout);
        var observation = PublishObservation.StartBatch(Channel, exchangeName, key, messages.Count, links);
        await observation.TrackAsync(retry ? SendBatchRetryingAsync(batch, cancellationToken) : SendBatchAsync(batch, false, cancellationToken))
            .ConfigureAwait(false);
    }

    private async ValueTask SendBatchRetryingAsync(Batch batch, CancellationToken cancellationToken)
    {
        async Task<bool> AttemptAsync(CancellationToken ct)
        {
            await SendBatchAsync(batch, true, ct).ConfigureAwait(false);
            return true;
        }
        await Connection.EnsureAsync(this, AttemptAsync, batch.RetryPolicy)(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendBatchAsync(Batch batch, bool retry, CancellationToken cancellationToken)
    {
        if (batch.Declare is not null)
        {
            foreach (var entity in batch.Declare)
                await MaybeDeclareAsync(entity, retry, batch.RetryPolicy, cancellationToken).ConfigureAwait(false);
        }
        if (batch.Timeout is not { } timeout)
        {
            await Channel.BasicPublishBatchAsync(batch.Messages, batch.Exchange, batch.RoutingKey, batch.Mandatory,
                batch.Immediate, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await Channel.BasicPublishBatchAsync(batch.Messages, batch.Exchange, batch.RoutingKey, batch.Mandatory,
                batch.Immediate, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PublishTimeoutException(batch.Exchange, batch.RoutingKey, timeout, ex);
        }
    }

    // One batch, as built: what every attempt sends.
    private sealed record Batch(List<OutgoingMessage> Messages, string Exchange, string RoutingKey,
        List<MaybeChannelBound>? Declare, bool Mandatory, bool Immediate, RetryPolicy? RetryPolicy, TimeSpan? Timeout);
}
