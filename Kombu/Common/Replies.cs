using System.Runtime.CompilerServices;
using Kombu.Serialization;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Common;

/// <summary>Sends replies to request messages and collects the replies sent to a queue.</summary>
/// <remarks>Holds Kombu's <c>kombu.common.send_reply</c> and <c>collect_replies</c>.</remarks>
public static class Replies
{
    /// <summary>Publishes a reply to the <c>reply_to</c> queue of a request, with its correlation id and serializer.</summary>
    /// <param name="exchange">The exchange to publish to (usually the default exchange).</param>
    /// <param name="request">The request message; its <c>reply_to</c> property is the routing key.</param>
    /// <param name="reply">The reply body.</param>
    /// <param name="producer">The producer to publish with.</param>
    /// <param name="retry">Retry through connection errors.</param>
    /// <param name="retryPolicy">How to retry.</param>
    /// <param name="properties">More message properties.</param>
    public static void SendReply(Exchange exchange, Message request, object? reply, Producer producer, bool retry = false,
        RetryPolicy? retryPolicy = null, IDictionary<string, object?>? properties = null) =>
        SyncOverAsync.Wait(SendReplyAsync(exchange, request, reply, producer, retry, retryPolicy, properties));

    /// <inheritdoc cref="SendReply"/>
    public static ValueTask SendReplyAsync(Exchange exchange, Message request, object? reply, Producer producer,
        bool retry = false, RetryPolicy? retryPolicy = null, IDictionary<string, object?>? properties = null,
        CancellationToken cancellationToken = default)
    {
        var (routingKey, correlationId, serializer) = ReplyFields(exchange, request, producer);
        return producer.PublishAsync(reply, routingKey: routingKey, deliveryMode: exchange.DeliveryMode,
            serializer: serializer, exchange: exchange.Name, retry: retry, retryPolicy: retryPolicy,
            correlationId: correlationId, properties: properties, cancellationToken: cancellationToken);
    }

    /// <summary>Yields the bodies of replies arriving on a queue, then deletes the queue once a reply was received.</summary>
    /// <param name="connection">The connection to drain.</param>
    /// <param name="channel">The channel to consume on.</param>
    /// <param name="queue">The reply queue.</param>
    /// <param name="limit">Most drains (default 1); <see langword="null"/> for no limit.</param>
    /// <param name="timeout">How long each drain waits.</param>
    /// <param name="noAck">Consume without acknowledgements (default true); otherwise each reply is acknowledged.</param>
    /// <param name="accept">Content types to accept.</param>
    /// <returns>The reply bodies.</returns>
    public static IEnumerable<object?> CollectReplies(Connection connection, IChannel channel, Queue queue,
        int? limit = 1, TimeSpan? timeout = null, bool noAck = true, IEnumerable<string>? accept = null) =>
        SyncOverAsync.Enumerate(CollectRepliesAsync(connection, channel, queue, limit, timeout, noAck, accept));

    /// <inheritdoc cref="CollectReplies"/>
    public static async IAsyncEnumerable<object?> CollectRepliesAsync(Connection connection, IChannel channel, Queue queue,
        int? limit = 1, TimeSpan? timeout = null, bool noAck = true, IEnumerable<string>? accept = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var received = false;
        try
        {
            await foreach (var (body, message) in Consuming.IterMessagesAsync(connection, channel, queue, limit, timeout,
                noAck: noAck, accept: accept, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!noAck)
                    await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                received = true;
                yield return body;
            }
        }
        finally
        {
            if (received)
                await channel.AfterReplyMessageReceivedAsync(queue.Name, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static (string RoutingKey, string? CorrelationId, string? Serializer) ReplyFields(Exchange exchange,
        Message request, Producer producer)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(producer);
        var routingKey = request.Properties.TryGetValue("reply_to", out var r) && r is string s ? s : "";
        var correlationId = request.Properties.TryGetValue("correlation_id", out var c) ? c as string : null;
        string? serializer = null;
        if (request.ContentType is { } type)
            Serializers.Registry.TypeToName.TryGetValue(type, out serializer);
        return (routingKey, correlationId, serializer);
    }
}
