using Kombu.Utils;

namespace Kombu.Transport;

/// <summary>An AMQP-style channel: the operations every transport implements, natively or emulated.</summary>
/// <remarks>
/// Each method mirrors the AMQP method Kombu calls on a transport channel (<c>queue_declare</c> is
/// <see cref="QueueDeclareAsync"/>). Below the front door there is only async: <see cref="Queue"/>, <see cref="Exchange"/>,
/// <see cref="Producer"/>, <see cref="Consumer"/> and <see cref="Message"/> offer the synchronous calls. Disposing
/// closes the channel.
/// </remarks>
public interface IChannel : IDisposable, IAsyncDisposable
{
    /// <summary>The transport this channel belongs to.</summary>
    BrokerTransport Transport { get; }

    /// <summary>Whether the channel is open.</summary>
    bool IsOpen { get; }

    /// <summary>Consumer tags of consumers started with <c>no_ack</c>.</summary>
    IReadOnlySet<string> NoAckConsumers { get; }

    /// <summary>Declares an exchange.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="type">Exchange type: direct, topic, fanout or headers.</param>
    /// <param name="durable">Whether the exchange survives a broker restart.</param>
    /// <param name="autoDelete">Whether the exchange is deleted when no queue uses it.</param>
    /// <param name="arguments">Extra declaration arguments.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="passive">Only check that the exchange exists.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask ExchangeDeclareAsync(string exchange, string type = "direct", bool durable = false, bool autoDelete = false,
        IDictionary<string, object?>? arguments = null, bool nowait = false, bool passive = false,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes an exchange and its bindings.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="ifUnused">Delete only if the exchange has no bindings.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask ExchangeDeleteAsync(string exchange, bool ifUnused = false, bool nowait = false,
        CancellationToken cancellationToken = default);

    /// <summary>Binds an exchange to another exchange.</summary>
    /// <param name="destination">The exchange that receives messages.</param>
    /// <param name="source">The exchange messages come from.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask ExchangeBindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default);

    /// <summary>Removes a binding between two exchanges.</summary>
    /// <param name="destination">The exchange that received messages.</param>
    /// <param name="source">The exchange messages came from.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask ExchangeUnbindAsync(string destination, string source, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default);

    /// <summary>Declares a queue.</summary>
    /// <param name="queue">Queue name; empty asks the broker for a generated name.</param>
    /// <param name="passive">Only check that the queue exists.</param>
    /// <param name="durable">Whether the queue survives a broker restart.</param>
    /// <param name="exclusive">Whether only this connection may use the queue.</param>
    /// <param name="autoDelete">Whether the queue is deleted when its last consumer goes.</param>
    /// <param name="arguments">Extra declaration arguments (<c>x-max-priority</c>, <c>x-message-ttl</c>…).</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The queue name with its message and consumer counts.</returns>
    ValueTask<QueueDeclareResult> QueueDeclareAsync(string queue, bool passive = false, bool durable = false,
        bool exclusive = false, bool autoDelete = false, IDictionary<string, object?>? arguments = null,
        bool nowait = false, CancellationToken cancellationToken = default);

    /// <summary>Binds a queue to an exchange.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <param name="arguments">Binding arguments (for headers exchanges, the headers to match and <c>x-match</c>).</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask QueueBindAsync(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default);

    /// <summary>Removes a binding between a queue and an exchange.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <param name="arguments">Binding arguments.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask QueueUnbindAsync(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default);

    /// <summary>Removes all ready messages from a queue.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of messages removed.</returns>
    ValueTask<long> QueuePurgeAsync(string queue, bool nowait = false, CancellationToken cancellationToken = default);

    /// <summary>Deletes a queue.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="ifUnused">Delete only if the queue has no consumers.</param>
    /// <param name="ifEmpty">Delete only if the queue has no messages.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of messages deleted with the queue.</returns>
    ValueTask<long> QueueDeleteAsync(string queue, bool ifUnused = false, bool ifEmpty = false, bool nowait = false,
        CancellationToken cancellationToken = default);

    /// <summary>Publishes a message to an exchange.</summary>
    /// <param name="message">The prepared message.</param>
    /// <param name="exchange">Exchange name; empty for the default exchange.</param>
    /// <param name="routingKey">Routing key.</param>
    /// <param name="mandatory">Return the message if no queue receives it (where the transport supports it).</param>
    /// <param name="immediate">Return the message if no consumer can take it at once (where supported).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask BasicPublishAsync(OutgoingMessage message, string exchange, string routingKey, bool mandatory = false,
        bool immediate = false, CancellationToken cancellationToken = default);

    /// <summary>Publishes messages to an exchange in order, as one batch where the transport can (beyond Kombu).</summary>
    /// <param name="messages">The prepared messages.</param>
    /// <param name="exchange">Exchange name; empty for the default exchange.</param>
    /// <param name="routingKey">Routing key of every message.</param>
    /// <param name="mandatory">Return a message if no queue receives it (where the transport supports it).</param>
    /// <param name="immediate">Return a message if no consumer can take it at once (where supported).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the broker has every message (confirmed, where confirms are on).</returns>
    /// <remarks>The default publishes one message after the other; Redis pipelines the batch, AMQP awaits the
    /// publisher confirms once per batch, and virtual stores write it in one call where they can.</remarks>
    async ValueTask BasicPublishBatchAsync(IReadOnlyList<OutgoingMessage> messages, string exchange, string routingKey,
        bool mandatory = false, bool immediate = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        for (var i = 0; i < messages.Count; i++)
            await BasicPublishAsync(messages[i], exchange, routingKey, mandatory, immediate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches one message from a queue, if there is one.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="noAck">Do not expect an acknowledgement for the message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The message as received, or <see langword="null"/> when the queue is empty.</returns>
    ValueTask<IncomingMessage?> BasicGetAsync(string queue, bool noAck = false, CancellationToken cancellationToken = default);

    /// <summary>Starts a consumer on a queue; deliveries reach <paramref name="callback"/> while events are drained.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="noAck">Do not expect acknowledgements.</param>
    /// <param name="callback">Called with each delivered message.</param>
    /// <param name="consumerTag">Consumer tag; empty to have one generated.</param>
    /// <param name="nowait">Do not wait for the broker's reply.</param>
    /// <param name="arguments">Consumer arguments (such as <c>x-priority</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The consumer tag.</returns>
    ValueTask<string> BasicConsumeAsync(string queue, bool noAck, MessageHandler callback, string consumerTag = "",
        bool nowait = false, IDictionary<string, object?>? arguments = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels a consumer.</summary>
    /// <param name="consumerTag">The tag returned by <see cref="BasicConsumeAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask BasicCancelAsync(string consumerTag, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges a delivered message.</summary>
    /// <param name="deliveryTag">The message's delivery tag.</param>
    /// <param name="multiple">Also acknowledge every earlier delivery (AMQP only).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask BasicAckAsync(DeliveryTag deliveryTag, bool multiple = false, CancellationToken cancellationToken = default);

    /// <summary>Rejects a delivered message, discarding it or putting it back.</summary>
    /// <param name="deliveryTag">The message's delivery tag.</param>
    /// <param name="requeue">Put the message back on its queue.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask BasicRejectAsync(DeliveryTag deliveryTag, bool requeue = false, CancellationToken cancellationToken = default);

    /// <summary>Redelivers every unacknowledged message of this channel.</summary>
    /// <param name="requeue">Let the broker give them to another consumer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask BasicRecoverAsync(bool requeue = false, CancellationToken cancellationToken = default);

    /// <summary>Sets the prefetch window.</summary>
    /// <param name="prefetchSize">Window in octets; 0 for no limit.</param>
    /// <param name="prefetchCount">Window in messages; 0 for no limit.</param>
    /// <param name="applyGlobal">Apply to the whole connection.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask BasicQosAsync(int prefetchSize = 0, int prefetchCount = 0, bool applyGlobal = false,
        CancellationToken cancellationToken = default);

    /// <summary>Asks the peer to pause or resume sending messages.</summary>
    /// <param name="active">Resume (<see langword="true"/>) or pause.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask FlowAsync(bool active, CancellationToken cancellationToken = default);

    /// <summary>Called after a reply was taken from a reply queue (pidbox, <c>collect_replies</c>).</summary>
    /// <param name="queue">The reply queue.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <remarks>Kombu's <c>after_reply_message_received</c>: virtual transports delete the queue; brokers that expire
    /// queues themselves do nothing.</remarks>
    ValueTask AfterReplyMessageReceivedAsync(string queue, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    /// <summary>Closes the channel: cancels its consumers and restores unacknowledged messages.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask CloseAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes the channel.</summary>
    void IDisposable.Dispose() => SyncOverAsync.Wait(CloseAsync());

    /// <summary>Closes the channel.</summary>
    /// <returns>A task that completes when the channel is closed.</returns>
    ValueTask IAsyncDisposable.DisposeAsync() => CloseAsync();
}
