using System.Globalization;
using Amazon.SQS.Model;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Sqs;

// Bulk receive: Kombu's _get_bulk reads up to ten messages per ReceiveMessage, as many as the prefetch window allows.
public sealed partial class SqsChannel
{
    /// <summary>The most messages one <c>ReceiveMessage</c> call returns (Kombu's <c>SQS_MAX_MESSAGES</c>).</summary>
    public const int MaxMessagesPerReceive = 10;

    private readonly Lock _bufferLock = new();
    private readonly Dictionary<string, Queue<Envelope>> _buffered = new(StringComparer.Ordinal);
    private int _bufferedCount;

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
}
