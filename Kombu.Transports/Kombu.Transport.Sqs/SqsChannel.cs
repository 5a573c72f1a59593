using System.Collections.Concurrent;
using System.Globalization;
using Amazon.SQS.Model;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.Sqs;

/// <summary>A virtual channel whose queues are SQS queues (Kombu's <c>kombu.transport.SQS.Channel</c>).</summary>
/// <remarks>
/// Each received message's delivery tag is its SQS receipt handle; the channel remembers the queue URL of every
/// receipt it holds so that an ack can delete the message and a requeue can make it visible again.
/// </remarks>
public sealed partial class SqsChannel : VirtualChannel, IChannel
{
    private static readonly IReadOnlyDictionary<string, ExchangeType> s_exchangeTypes =
        StandardExchangeTypes.Where(p => p.Key != "fanout").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private readonly SqsTransport _transport;
    private readonly ConcurrentDictionary<string, string> _receipts = new(StringComparer.Ordinal);

    internal SqsChannel(SqsTransport transport) : base(transport) => _transport = transport;

    /// <summary>How many received messages this channel holds unsettled.</summary>
    public int ReceiptCount => _receipts.Count;

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, ExchangeType> ExchangeTypes => s_exchangeTypes;

    private SqsQueueCache Queues => _transport.Queues;

    private SqsTransportOptions Options => _transport.Options;

    /// <inheritdoc/>
    protected override async ValueTask<Envelope?> GetAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: true, cancellationToken).ConfigureAwait(false);
        var response = await _transport.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MaxNumberOfMessages = 1,
            WaitTimeSeconds = Options.WaitTimeSeconds,
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
            MessageAttributeNames = ["All"],
        }, cancellationToken).ConfigureAwait(false);
        if (response.Messages is not { Count: > 0 } messages)
            return null;
        var message = messages[0];
        var envelope = SqsMessageCodec.DecodeBody(message.Body ?? "");
        envelope.DeliveryTag = message.ReceiptHandle;
        _receipts[message.ReceiptHandle] = url!;
        return envelope;
    }

    /// <inheritdoc/>
    protected override async ValueTask PutAsync(string queue, Envelope envelope, CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: true, cancellationToken).ConfigureAwait(false);
        var copy = envelope.Clone();
        var attributes = SqsMessageCodec.TakeAttributes(copy);
        var request = new SendMessageRequest { QueueUrl = url, MessageAttributes = attributes };
        if (SqsQueueNames.IsFifo(Queues.SqsName(queue)))
        {
            request.MessageGroupId = PropertyText(copy, "MessageGroupId") ?? "default";
            request.MessageDeduplicationId = PropertyText(copy, "MessageDeduplicationId") ?? Guid.NewGuid().ToString();
        }
        else
        {
            request.MessageGroupId = PropertyText(copy, "MessageGroupId");
            if (PropertyText(copy, "DelaySeconds") is { } delay && int.TryParse(delay, CultureInfo.InvariantCulture, out var seconds))
                request.DelaySeconds = seconds;
        }
        request.MessageBody = SqsMessageCodec.EncodeBody(copy, Options.Base64Encoding);
        await _transport.Sqs.SendMessageAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask<long> PurgeAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: false, cancellationToken).ConfigureAwait(false);
        if (url is null)
            return 0;
        var size = await CountAsync(url, cancellationToken).ConfigureAwait(false);
        await _transport.Sqs.PurgeQueueAsync(url, cancellationToken).ConfigureAwait(false);
        return size;
    }

    /// <inheritdoc/>
    protected override async ValueTask<long> SizeAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: false, cancellationToken).ConfigureAwait(false);
        return url is null ? 0 : await CountAsync(url, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask DeleteAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await Queues.ResolveAsync(queue, create: false, cancellationToken).ConfigureAwait(false);
        Queues.Forget(queue);
        if (url is not null && Options.PredefinedQueues is null)
            await _transport.Sqs.DeleteQueueAsync(url, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask NewQueueAsync(string queue, CancellationToken cancellationToken) =>
        await Queues.ResolveAsync(queue, create: true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override async ValueTask<bool> HasQueueAsync(string queue, CancellationToken cancellationToken) =>
        await Queues.ResolveAsync(queue, create: false, cancellationToken).ConfigureAwait(false) is not null;

    private async ValueTask<long> CountAsync(string url, CancellationToken cancellationToken)
    {
        var response = await _transport.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
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
