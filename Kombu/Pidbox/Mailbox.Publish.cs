using Kombu.Common;
using Kombu.Exceptions;
using Kombu.Transport;

namespace Kombu.Pidbox;

public partial class Mailbox
{
    private async ValueTask PublishRequestAsync(PidboxRequest request, string? ticket, string oid, IChannel channel,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        // Kombu declares the auto-delete reply queue before every call (it cannot cache it). A kept reply consumer was
        // ensured before this publish: starting it declared the queue, which lives as long as the consumer.
        if (ticket is not null && !KeepsReplyConsumers)
        {
            await Declarations.MaybeDeclareAsync(GetReplyQueue(oid), channel, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }

        var body = request.ToBody(ticket, ReplyExchange.Name, oid);
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["clock"] = Clock.Forward(),
            ["expires"] = timeout is { } t ? (object)(UnixNow() + t.TotalSeconds) : 0L,
        };
        var producer = new Producer(channel, autoDeclare: false);
        await producer.PublishAsync(body, routingKey: "", exchange: Exchange.Name, declare: [Exchange], headers: headers,
            serializer: request.Serializer ?? Options.Serializer, retry: true, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Publishes a node's reply to a reply exchange, stamped with the ticket and the clock.</summary>
    /// <param name="reply">The reply body, <c>{hostname: result}</c>.</param>
    /// <param name="exchange">The reply exchange name from the request.</param>
    /// <param name="routingKey">The routing key from the request.</param>
    /// <param name="ticket">The request ticket, or <see langword="null"/>.</param>
    /// <param name="channel">The channel to publish on; the connection's default channel when <see langword="null"/>.</param>
    /// <remarks>Kombu's <c>Mailbox._publish_reply</c>; a reply nobody waits for any more is dropped.</remarks>
    internal void PublishReply(object? reply, string exchange, string routingKey, string? ticket, IChannel? channel)
    {
        var chan = channel ?? BoundConnection.DefaultChannel;
        var target = new Exchange(exchange, "direct", durable: false, deliveryMode: DeliveryMode.Transient);
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ticket"] = ticket,
            ["clock"] = Clock.Forward(),
        };
        try
        {
            new Producer(chan, autoDeclare: false).Publish(reply, routingKey: routingKey, deliveryMode: target.DeliveryMode,
                exchange: exchange, declare: [target], headers: headers, serializer: Options.Serializer, retry: true);
        }
        catch (InconsistencyException)
        {
        }
    }

    private async ValueTask<IReadOnlyList<object?>> CollectAsync(string ticket, string oid, int? limit, TimeSpan? timeout,
        Action<object?>? callback, IChannel channel, CancellationToken cancellationToken)
    {
        if (_unclaimed.TryRemove(ticket, out var earlier))
            return earlier;
        var collector = new ReplyCollector(callback);
        _collectors[ticket] = collector;
        var queue = GetReplyQueue(oid);
        var consumer = KeepsReplyConsumers ? null : await StartReplyConsumerAsync(channel, queue, cancellationToken).ConfigureAwait(false);
        try
        {
            while (limit is null || collector.Count < limit)
            {
                try
                {
                    await BoundConnection.DrainEventsAsync(timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    break;
                }
            }
            return collector.Replies;
        }
        finally
        {
            _collectors.TryRemove(ticket, out _);
            if (consumer is not null)
            {
                await consumer.DisposeAsync().ConfigureAwait(false);
                await channel.AfterReplyMessageReceivedAsync(queue.Name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Where the broker deletes an auto-delete queue with its last consumer (AMQP), a consumer per call would create and
    // delete the reply queue on every call (a few ms each on RabbitMQ): one consumer per channel stays instead.
    private bool KeepsReplyConsumers => BoundConnection.Transport.Implements.BrokerAutoDelete;

    // One reply consumer per channel and reply queue, started (declaring its queue) on first use and again if it died.
    private async ValueTask EnsureReplyConsumerAsync(IChannel channel, Queue queue, CancellationToken cancellationToken)
    {
        if (HasLiveReplyConsumer(channel, queue.Name))
            return;
        var consumer = await StartReplyConsumerAsync(channel, queue, cancellationToken).ConfigureAwait(false);
        _replyConsumers.GetOrCreateValue(channel)[queue.Name] = consumer;
    }

    private async ValueTask<Consumer> StartReplyConsumerAsync(IChannel channel, Queue queue, CancellationToken cancellationToken)
    {
        var consumer = new Consumer(channel, [queue], noAck: true, autoDeclare: true, callbacks: [OnReply], onDecodeError: null,
            onMessage: null, Options.Accept, prefetchCount: null, tagPrefix: null, revive: false);
        await consumer.ReviveAsync(channel, cancellationToken).ConfigureAwait(false);
        await consumer.ConsumeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return consumer;
    }

    // Whether the channel still has the reply consumer kept for this queue: not when the channel closed, nor when the
    // broker cancelled the consumer (its queue was deleted), which takes the tag out of the channel's consumers.
    private bool HasLiveReplyConsumer(IChannel channel, string queue) =>
        channel.IsOpen && _replyConsumers.TryGetValue(channel, out var consumers) &&
        consumers.TryGetValue(queue, out var consumer) && consumer.TagFor(queue) is { } tag &&
        channel.NoAckConsumers.Contains(tag);

    // Kombu's _collect callback: adjusts the clock, drops expired replies, and hands each reply to the call waiting for
    // its ticket (a reply without one, from a peer older than Kombu 2.5, to the only call waiting), or keeps it for a
    // later call with that ticket.
    private void OnReply(object? body, Message message)
    {
        Clock.Adjust(ToLong(message.Headers.Get("clock")));
        if (message.Headers.Get("expires") is { } expires && ToDouble(expires) is var at and > 0 && UnixNow() > at)
            return;
        if (message.Headers.Get("ticket") is not string ticket)
        {
            if (_collectors.Count == 1 && _collectors.Values.FirstOrDefault() is { } only)
                only.Add(body);
            return;
        }
        if (_collectors.TryGetValue(ticket, out var collector))
        {
            collector.Add(body);
            return;
        }
        var list = _unclaimed.GetOrAdd(ticket, static _ => []);
        lock (list)
            list.Add(body);
    }

    private static double UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static long ToLong(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        _ => 0,
    };

    private static double ToDouble(object? value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => 0,
    };
}
