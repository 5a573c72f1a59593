using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Kombu.Diagnostics;

/// <summary>Kombu's <see cref="Meter"/>: message counters and publish/handler durations, recorded only when listened to.</summary>
internal static class KombuMetrics
{
    public static readonly Meter Meter = new(KombuDiagnostics.MeterName, typeof(KombuMetrics).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> Published = Messages("messaging.client.sent.messages", "Messages published.");

    public static readonly Counter<long> Delivered = Messages("messaging.client.consumed.messages",
        "Messages delivered to a consumer or got from a queue.");

    public static readonly Counter<long> Acked = Messages("kombu.messages.acked", "Messages acknowledged.");

    public static readonly Counter<long> Rejected = Messages("kombu.messages.rejected",
        "Messages rejected without requeue.");

    public static readonly Counter<long> Requeued = Messages("kombu.messages.requeued",
        "Messages rejected and put back on their queue.");

    public static readonly Counter<long> Redelivered = Messages("kombu.messages.redelivered",
        "Messages delivered again (the broker's redelivered flag).");

    public static readonly Counter<long> DecodeErrors = Messages("kombu.messages.decode_errors",
        "Messages whose body could not be decompressed or deserialized.");

    public static readonly Histogram<double> PublishDuration = Meter.CreateHistogram<double>("messaging.client.operation.duration",
        "s", "Duration of publishing a message, the broker's confirm included.");

    public static readonly Histogram<double> HandlerDuration = Meter.CreateHistogram<double>("messaging.process.duration", "s",
        "Duration of the consumer callbacks for one message.");

    private static Counter<long> Messages(string name, string description) => Meter.CreateCounter<long>(name, "{message}", description);

    /// <summary>Whether anything listens to the consume-side instruments (so the queue name is worth looking up).</summary>
    public static bool ConsumeObserved => Delivered.Enabled || HandlerDuration.Enabled || DecodeErrors.Enabled ||
        Redelivered.Enabled || Acked.Enabled || Rejected.Enabled || Requeued.Enabled;

    /// <summary>Tags of a publish: system, exchange and (on failure) the error type.</summary>
    public static TagList PublishTags(string system, string exchange, Exception? error)
    {
        var tags = new TagList
        {
            { MessagingTags.System, system },
            { MessagingTags.DestinationName, exchange },
            { MessagingTags.OperationName, "publish" },
        };
        if (error is not null)
            tags.Add(MessagingTags.ErrorType, error.GetType().FullName);
        return tags;
    }

    /// <summary>Tags of a received message: system, exchange and queue.</summary>
    public static TagList MessageTags(Message message)
    {
        var tags = new TagList
        {
            { MessagingTags.System, message.Channel is { } channel ? MessagingTags.SystemOf(channel.Transport) : null },
            { MessagingTags.DestinationName, message.Exchange },
        };
        if (MessageQueues.Get(message) is { } queue)
            tags.Add(MessagingTags.SubscriptionName, queue);
        return tags;
    }

    /// <summary>Counts a delivered message (and a redelivery).</summary>
    public static void RecordDelivered(Message message)
    {
        if (Delivered.Enabled)
            Delivered.Add(1, MessageTags(message));
        if (Redelivered.Enabled && message.DeliveryInfo.TryGetValue("redelivered", out var flag) && flag is true)
            Redelivered.Add(1, MessageTags(message));
    }

    /// <summary>Counts a settled message under its outcome.</summary>
    public static void RecordSettled(Message message)
    {
        var counter = message.State switch
        {
            MessageState.Ack => Acked,
            MessageState.Requeued => Requeued,
            _ => Rejected,
        };
        if (counter.Enabled)
            counter.Add(1, MessageTags(message));
    }

    /// <summary>Counts a message whose body could not be decoded.</summary>
    public static void RecordDecodeError(Message message)
    {
        if (DecodeErrors.Enabled)
            DecodeErrors.Add(1, MessageTags(message));
    }
}
