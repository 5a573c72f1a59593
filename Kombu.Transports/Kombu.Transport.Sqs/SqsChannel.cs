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
public sealed partial class SqsChannel : VirtualChannel
{
    // SendMessageBatch takes at most 10 entries.
    private const int MaxBatchEntries = 10;

    private static readonly IReadOnlyDictionary<string, ExchangeType> s_exchangeTypes =
        StandardExchangeTypes.Where(p => p.Key != "fanout").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private readonly SqsTransport _transport;
    private readonly ConcurrentDictionary<string, (string Url, string SqsName)> _receipts = new(StringComparer.Ordinal);

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
}
