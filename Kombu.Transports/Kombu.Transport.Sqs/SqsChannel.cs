using System.Collections.Concurrent;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Sqs;

/// <summary>A virtual channel whose queues are SQS queues (Kombu's <c>kombu.transport.SQS.Channel</c>).</summary>
/// <remarks>
/// Each received message's delivery tag is its SQS receipt handle; the channel remembers the queue of every receipt
/// it holds so that an ack can delete the message and a requeue can make it visible again. Consumed queues are read
/// up to ten messages at a time (as much as the prefetch window allows); the extra messages wait in this channel.
/// </remarks>
public sealed class SqsChannel : VirtualChannel
{
    /// <summary>The most messages one <c>ReceiveMessage</c> call returns (Kombu's <c>SQS_MAX_MESSAGES</c>).</summary>
    public const int MaxMessagesPerReceive = 10;

    // SendMessageBatch takes at most 10 entries.
    private const int MaxBatchEntries = 10;

    private static readonly IReadOnlyDictionary<string, ExchangeType> s_exchangeTypes =
        StandardExchangeTypes.Where(p => p.Key != "fanout").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private readonly SqsTransport _transport;
    private readonly ConcurrentDictionary<string, (string Url, string SqsName)> _receipts = new(StringComparer.Ordinal);
    private readonly Lock _bufferLock = new();
    private readonly Dictionary<string, Queue<Envelope>> _buffered = new(StringComparer.Ordinal);
    private int _bufferedCount;

    internal SqsChannel(SqsTransport transport) : base(transport) => _transport = transport;

    /// <summary>How many received messages this channel holds unsettled, delivered or still buffered.</summary>
    public int ReceiptCount => _receipts.Count;

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, ExchangeType> ExchangeTypes => s_exchangeTypes;

    private SqsQueueCache Queues => _transport.Queues;

    private SqsTransportOptions Options => _transport.Options;

    /// <inheritdoc/>
    protected override async ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: true, cancellationToken).ConfigureAwait(false);
        var entry = Entry(queue, envelope, "0");
        var request = new SendMessageRequest
        {
            QueueUrl = url,
            MessageAttributes = entry.MessageAttributes,
            MessageBody = entry.MessageBody,
            MessageGroupId = entry.MessageGroupId,
            MessageDeduplicationId = entry.MessageDeduplicationId,
            DelaySeconds = entry.DelaySeconds,
        };
        await _transport.ClientFor(Queues.SqsName(queue)).SendMessageAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks><c>SendMessageBatch</c> calls of up to 10 messages, each message as <see cref="PutAsync"/> sends it.</remarks>
    /// <exception cref="KombuChannelException">SQS refused a message of the batch.</exception>
    protected override async ValueTask PutBatchAsync(string queue, IReadOnlyList<Envelope> envelopes,
        CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: true, cancellationToken).ConfigureAwait(false);
        var client = _transport.ClientFor(Queues.SqsName(queue));
        for (var start = 0; start < envelopes.Count; start += MaxBatchEntries)
        {
            var entries = new List<SendMessageBatchRequestEntry>(MaxBatchEntries);
            for (var i = start; i < Math.Min(start + MaxBatchEntries, envelopes.Count); i++)
                entries.Add(Entry(queue, envelopes[i], (i - start).ToString(CultureInfo.InvariantCulture)));
            var response = await client.SendMessageBatchAsync(new SendMessageBatchRequest(url, entries), cancellationToken)
                .ConfigureAwait(false);
            if (response.Failed is { Count: > 0 } failed)
                throw new KombuChannelException(SqsErrors.BatchEntriesFailed(queue, failed.Count, entries.Count, failed[0].Message));
        }
    }

    // One message as Kombu's SQS put sends it: attributes taken out of the envelope, FIFO group and deduplication ids.
    private SendMessageBatchRequestEntry Entry(string queue, Envelope envelope, string id)
    {
        var copy = envelope.Clone();
        var entry = new SendMessageBatchRequestEntry { Id = id, MessageAttributes = SqsMessageCodec.TakeAttributes(copy) };
        if (SqsQueueNames.IsFifo(Queues.SqsName(queue)))
        {
            entry.MessageGroupId = PropertyText(copy, "MessageGroupId") ?? "default";
            entry.MessageDeduplicationId = PropertyText(copy, "MessageDeduplicationId") ?? Guid.NewGuid().ToString();
        }
        else
        {
            entry.MessageGroupId = PropertyText(copy, "MessageGroupId");
            if (PropertyText(copy, "DelaySeconds") is { } delay && int.TryParse(delay, CultureInfo.InvariantCulture, out var seconds))
                entry.DelaySeconds = seconds;
        }
        entry.MessageBody = SqsMessageCodec.EncodeBody(copy, Options.Base64Encoding);
        return entry;
    }

    /// <inheritdoc/>
    protected override async ValueTask<long> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: false, cancellationToken).ConfigureAwait(false);
        if (url is null)
            return 0;
        var client = _transport.ClientFor(Queues.SqsName(queue));
        var size = await CountAsync(client, url, cancellationToken).ConfigureAwait(false);
        await client.PurgeQueueAsync(url, cancellationToken).ConfigureAwait(false);
        return size + DropBuffered(queue);
    }

    /// <inheritdoc/>
    protected override async ValueTask<long> SizeAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: false, cancellationToken).ConfigureAwait(false);
        return url is null ? 0 : await CountAsync(_transport.ClientFor(Queues.SqsName(queue)), url, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask DeleteAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: false, cancellationToken).ConfigureAwait(false);
        Queues.Forget(queue);
        DropBuffered(queue);
        if (url is not null && Options.PredefinedQueues is null)
            await _transport.Sqs.DeleteQueueAsync(url, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask NewQueueAsync(string queue, CancellationToken cancellationToken) =>
        await Queues.ResolveAsync(queue, create: true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override async ValueTask<bool> HasQueueAsync(string queue, CancellationToken cancellationToken) =>
        await Queues.ResolveAsync(queue, create: false, cancellationToken).ConfigureAwait(false) is not null;

    private static async ValueTask<long> CountAsync(AmazonSQSClient client, string url, CancellationToken cancellationToken)
    {
        var response = await client.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = ["ApproximateNumberOfMessages"],
        }, cancellationToken).ConfigureAwait(false);
        return response.ApproximateNumberOfMessages;
    }

    private static string? PropertyText(Envelope envelope, string key) =>
        envelope.Properties.TryGetValue(key, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    // Bulk receive: Kombu's _get_bulk reads up to ten messages per ReceiveMessage, as many as the prefetch window
    // allows.
    /// <summary>How many received messages wait in this channel for delivery.</summary>
    public int BufferedCount
    {
        get
        {
            lock (_bufferLock)
                return _bufferedCount;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Takes a buffered message first, else long-polls the queue for one message (Kombu's <c>_get</c>).</remarks>
    protected override ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken) =>
        ReceiveAsync(queue, 1, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Takes a buffered message first, else long-polls for up to <see cref="MaxMessagesPerReceive"/> messages within the
    /// prefetch window and keeps the extra ones buffered (Kombu's <c>_get_bulk</c>).
    /// </remarks>
    protected override ValueTask<Envelope?> GetForConsumerAsync(string queue, bool noAck, CancellationToken cancellationToken) =>
        ReceiveAsync(queue, MessageEstimate(), cancellationToken);

    private async ValueTask<Envelope?> ReceiveAsync(string queue, int maxMessages, CancellationToken cancellationToken)
    {
        if (TakeBuffered(queue) is { } buffered)
            return buffered;
        var url = await Queues.ResolveAsync(queue, create: true, cancellationToken).ConfigureAwait(false);
        var sqsName = Queues.SqsName(queue);
        var response = await _transport.ClientFor(sqsName).ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MaxNumberOfMessages = maxMessages,
            WaitTimeSeconds = Options.WaitTimeSeconds,
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
            MessageAttributeNames = ["All"],
        }, cancellationToken).ConfigureAwait(false);
        if (response.Messages is not { Count: > 0 } messages)
            return null;
        var envelopes = messages.Select(m => ToEnvelope(m, url!, sqsName)).ToList();
        if (envelopes.Count > 1)
        {
            lock (_bufferLock)
            {
                if (!_buffered.TryGetValue(queue, out var pending))
                    _buffered[queue] = pending = new Queue<Envelope>();
                foreach (var envelope in envelopes.Skip(1))
                    pending.Enqueue(envelope);
                _bufferedCount += envelopes.Count - 1;
            }
        }
        return envelopes[0];
    }

    /// <inheritdoc/>
    /// <remarks>Buffered messages of queues no longer consumed are made visible again at once.</remarks>
    protected override ValueTask OnConsumersChangedAsync(CancellationToken cancellationToken) =>
        ReleaseBufferedAsync(queue => !ActiveQueues.Contains(queue), cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Every buffered message is made visible again at once; delivered ones are restored afterwards.</remarks>
    protected override ValueTask OnClosingAsync(CancellationToken cancellationToken) =>
        ReleaseBufferedAsync(_ => true, cancellationToken);

    // Kombu's _get_message_estimate, less what this channel already holds buffered: at least 1, at most 10.
    private int MessageEstimate()
    {
        var window = QoS.CanConsumeMaxEstimate() ?? MaxMessagesPerReceive;
        return Math.Clamp(window - BufferedCount, 1, MaxMessagesPerReceive);
    }

    private Envelope ToEnvelope(Amazon.SQS.Model.Message message, string url, string sqsName)
    {
        var envelope = SqsMessageCodec.DecodeBody(message.Body ?? "");
        envelope.Retag(message.ReceiptHandle);
        var extras = envelope.EnsureDeliveryInfoExtras();
        extras["sqs_queue"] = url;
        extras["sqs_message"] = new Dictionary<string, object?>
        {
            ["MessageId"] = message.MessageId,
            ["ReceiptHandle"] = message.ReceiptHandle,
            ["MD5OfBody"] = message.MD5OfBody,
            ["Attributes"] = (message.Attributes ?? []).ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        };
        _receipts[message.ReceiptHandle] = (url, sqsName);
        return envelope;
    }

    private Envelope? TakeBuffered(string queue)
    {
        lock (_bufferLock)
        {
            if (!_buffered.TryGetValue(queue, out var pending) || !pending.TryDequeue(out var envelope))
                return null;
            _bufferedCount--;
            return envelope;
        }
    }

    // Forgets the buffered messages of a purged or deleted queue; returns how many there were.
    private int DropBuffered(string queue)
    {
        Envelope[] dropped;
        lock (_bufferLock)
        {
            if (!_buffered.Remove(queue, out var pending))
                return 0;
            dropped = [.. pending];
            _bufferedCount -= dropped.Length;
        }
        foreach (var envelope in dropped)
            _receipts.TryRemove(envelope.DeliveryTag, out _);
        return dropped.Length;
    }

    private async ValueTask ReleaseBufferedAsync(Func<string, bool> which, CancellationToken cancellationToken)
    {
        List<Envelope> released = [];
        lock (_bufferLock)
        {
            foreach (var queue in _buffered.Keys.Where(which).ToArray())
            {
                released.AddRange(_buffered[queue]);
                _buffered.Remove(queue);
            }
            _bufferedCount -= released.Count;
        }
        foreach (var envelope in released)
            await ChangeVisibilityAsync(envelope.DeliveryTag, 0, cancellationToken).ConfigureAwait(false);
    }

    private static string? MessageId(Envelope envelope) =>
        envelope.DeliveryInfoExtras?.GetValueOrDefault("sqs_message") is IDictionary<string, object?> message
            && message.TryGetValue("MessageId", out var id)
            ? id as string
            : null;

    private static int ReceiveCount(Envelope envelope) =>
        envelope.DeliveryInfoExtras?.GetValueOrDefault("sqs_message") is IDictionary<string, object?> message
        && message.TryGetValue("Attributes", out var attributes) && attributes is IDictionary<string, object?> map
        && map.TryGetValue("ApproximateReceiveCount", out var count)
        && int.TryParse(Convert.ToString(count, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;

    // SQS keeps a received message (invisible) until it is deleted by receipt handle or its visibility timeout ends.
    /// <inheritdoc/>
    /// <exception cref="KombuChannelException">SQS denied the credentials the right to delete the message.</exception>
    /// <remarks>
    /// Ack deletes the message (<c>DeleteMessage</c>); when SQS refuses for another reason than AccessDenied, the ack
    /// becomes a reject, as in Kombu 5. Reject without requeue sends nothing: the message returns after its
    /// visibility timeout, as in Kombu 5. After a reject, with or without requeue, a <c>backoff_policy</c> of the
    /// predefined queue named by the routing key sets the visibility timeout by task name and receive count.
    /// </remarks>
    protected override async ValueTask OnSettledAsync(Envelope envelope, SettleOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome == SettleOutcome.Acked)
        {
            if (!_receipts.TryRemove(envelope.DeliveryTag, out var held))
                return;
            try
            {
                await _transport.ClientFor(held.SqsName).DeleteMessageAsync(held.Url, envelope.DeliveryTag, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }
            catch (AmazonSQSException ex) when (ex.ErrorCode != "AccessDenied")
            {
                // Kombu 5: any other client error turns the ack into a reject.
                SqsLog.AckFailed(_transport.Log, ex, MessageId(envelope), held.Url);
            }
            catch (AmazonSQSException ex)
            {
                throw new KombuChannelException(SqsErrors.AckAccessDenied(held.Url, ex.Message), ex);
            }
        }
        _receipts.TryRemove(envelope.DeliveryTag, out _);
        await ApplyBackoffAsync(envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Deletes the message at once, as Kombu does for its no_ack queues.</remarks>
    protected override ValueTask OnDeliveredNoAckAsync(Envelope envelope, CancellationToken cancellationToken) =>
        DeleteMessageAsync(envelope.DeliveryTag, cancellationToken);

    /// <inheritdoc/>
    protected override string? RefuseExchangeType(string exchange, string type) =>
        type == "fanout" ? SqsErrors.FanoutNotSupported(exchange) : null;

    /// <inheritdoc/>
    protected override ValueTask PutFanoutAsync(string exchange, Envelope envelope, string routingKey,
        CancellationToken cancellationToken) =>
        throw new Kombu.Exceptions.UnsupportedOperationException(SqsErrors.FanoutNotSupported(exchange));

    /// <inheritdoc/>
    /// <remarks>Kombu's <c>_put</c> of a redelivered message: <c>ChangeMessageVisibility</c> to <c>wait_time_seconds</c>.</remarks>
    protected internal override ValueTask RestoreAsync(Envelope envelope, CancellationToken cancellationToken) =>
        ChangeVisibilityAsync(envelope.DeliveryTag, Options.WaitTimeSeconds, cancellationToken);

    // Kombu's QoS.apply_backoff_policy.
    private async ValueTask ApplyBackoffAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        if (Options.PredefinedQueues?.GetValueOrDefault(envelope.RoutingKey) is not { } queue
            || queue.BackoffFor(envelope.Headers.GetValueOrDefault("task") as string, ReceiveCount(envelope)) is not { } seconds)
        {
            return;
        }

        await _transport.ClientFor(envelope.RoutingKey)
            .ChangeMessageVisibilityAsync(queue.Url, envelope.DeliveryTag, seconds, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DeleteMessageAsync(string receipt, CancellationToken cancellationToken)
    {
        if (_receipts.TryRemove(receipt, out var held))
            await _transport.ClientFor(held.SqsName).DeleteMessageAsync(held.Url, receipt, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ChangeVisibilityAsync(string receipt, int seconds, CancellationToken cancellationToken)
    {
        if (_receipts.TryRemove(receipt, out var held))
        {
            await _transport.ClientFor(held.SqsName).ChangeMessageVisibilityAsync(held.Url, receipt, seconds, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
