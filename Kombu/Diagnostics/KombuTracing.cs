using System.Diagnostics;
using Kombu.Transport;

namespace Kombu.Diagnostics;

/// <summary>Kombu's <see cref="ActivitySource"/> and the spans it starts.</summary>
internal static class KombuTracing
{
    public static readonly ActivitySource Source = new(KombuDiagnostics.ActivitySourceName,
        typeof(KombuTracing).Assembly.GetName().Version?.ToString());

    /// <summary>Starts a publish span (kind Producer), or returns <see langword="null"/> when nobody listens.</summary>
    public static Activity? StartPublish(IChannel channel, string exchange, string routingKey) =>
        StartSend(channel, ActivityKind.Producer, "send", "publish", exchange, routingKey);

    /// <summary>Starts a create span (kind Producer) for one message of a batch: its context goes into that message's headers.</summary>
    public static Activity? StartCreate(IChannel channel, string exchange, string routingKey) =>
        StartSend(channel, ActivityKind.Producer, "create", "create", exchange, routingKey);

    /// <summary>Starts the publish span of a batch (kind Client, as the conventions ask when create spans carry the
    /// messages' contexts), linked to each message's create span.</summary>
    public static Activity? StartPublishBatch(IChannel channel, string exchange, string routingKey, int count,
        IEnumerable<ActivityLink>? links)
    {
        if (!Source.HasListeners())
            return null;
        var activity = Source.StartActivity(ActivityKind.Client, links: links,
            name: SpanName("publish", exchange, routingKey));
        if (activity is { IsAllDataRequested: true })
        {
            TagSend(activity, MessagingTags.SystemOf(channel.Transport), "send", "publish", exchange, routingKey);
            activity.SetTag(MessagingTags.BatchMessageCount, count);
        }
        return activity;
    }

    /// <summary>Adds what the built message tells (id, correlation id, size) to a publish span.</summary>
    public static void Describe(Activity activity, OutgoingMessage message)
    {
        if (!activity.IsAllDataRequested)
            return;
        activity.SetTag(MessagingTags.BodySize, message.Body.Length);
        if (message.Properties is { } properties)
        {
            if (properties.TryGetValue("message_id", out var id) && id is not null)
                activity.SetTag(MessagingTags.MessageId, id.ToString());
            if (properties.TryGetValue("correlation_id", out var correlation) && correlation is not null)
                activity.SetTag(MessagingTags.ConversationId, correlation.ToString());
        }
    }

    /// <summary>Starts a process span (kind Consumer) whose parent is the publish span the headers name.</summary>
    public static Activity? StartProcess(Message message, string? queue)
    {
        if (!Source.HasListeners())
            return null;
        var parent = TraceContext.TryExtract(message, out var context) ? context : Activity.Current?.Context ?? default;
        var activity = Source.StartActivity(SpanName("process", queue ?? message.Exchange ?? "", message.RoutingKey ?? ""),
            ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
            Tag(activity, message, queue, "process");
        return activity;
    }

    /// <summary>Starts a receive span (kind Consumer) around a <c>basic_get</c>.</summary>
    public static Activity? StartReceive(IChannel channel, string queue)
    {
        if (!Source.HasListeners())
            return null;
        var activity = Source.StartActivity(SpanName("receive", queue, ""), ActivityKind.Consumer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(MessagingTags.System, MessagingTags.SystemOf(channel.Transport));
            activity.SetTag(MessagingTags.OperationType, "receive");
            activity.SetTag(MessagingTags.OperationName, "receive");
            activity.SetTag(MessagingTags.SubscriptionName, queue);
        }
        return activity;
    }

    /// <summary>Adds the message got to a receive span, linked to the publish span that sent it.</summary>
    public static void Received(Activity activity, Message message, string queue)
    {
        if (!activity.IsAllDataRequested)
            return;
        Tag(activity, message, queue, "receive");
        if (TraceContext.TryExtract(message, out var context))
            activity.AddLink(new ActivityLink(context));
    }

    /// <summary>Marks a span failed, as the conventions ask: status Error and <c>error.type</c>.</summary>
    public static void Fail(Activity? activity, Exception error)
    {
        if (activity is null)
            return;
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag(MessagingTags.ErrorType, error.GetType().FullName);
    }

    private static Activity? StartSend(IChannel channel, ActivityKind kind, string type, string operation, string exchange,
        string routingKey)
    {
        if (!Source.HasListeners())
            return null;
        var activity = Source.StartActivity(SpanName(operation, exchange, routingKey), kind);
        if (activity is { IsAllDataRequested: true })
            TagSend(activity, MessagingTags.SystemOf(channel.Transport), type, operation, exchange, routingKey);
        return activity;
    }

    private static void TagSend(Activity activity, string system, string type, string operation, string exchange, string routingKey)
    {
        activity.SetTag(MessagingTags.System, system);
        activity.SetTag(MessagingTags.OperationType, type);
        activity.SetTag(MessagingTags.OperationName, operation);
        activity.SetTag(MessagingTags.DestinationName, exchange);
        if (routingKey.Length > 0)
            activity.SetTag(MessagingTags.RoutingKeyFor(system), routingKey);
    }

    private static void Tag(Activity activity, Message message, string? queue, string operation)
    {
        var system = message.Channel is { } channel ? MessagingTags.SystemOf(channel.Transport) : null;
        activity.SetTag(MessagingTags.System, system);
        activity.SetTag(MessagingTags.OperationType, operation);
        activity.SetTag(MessagingTags.OperationName, operation);
        activity.SetTag(MessagingTags.DestinationName, message.Exchange);
        activity.SetTag(MessagingTags.SubscriptionName, queue);
        if (message.RoutingKey is { Length: > 0 } key && system is not null)
            activity.SetTag(MessagingTags.RoutingKeyFor(system), key);
        if (message.Properties.TryGetValue("message_id", out var id) && id is not null)
            activity.SetTag(MessagingTags.MessageId, id.ToString());
        if (message.Properties.TryGetValue("correlation_id", out var correlation) && correlation is not null)
            activity.SetTag(MessagingTags.ConversationId, correlation.ToString());
        if (system == "rabbitmq" && message.DeliveryTag.IsNumber && message.DeliveryTag.TryGetNumber(out var tag))
            activity.SetTag(MessagingTags.RabbitMqDeliveryTag, tag);
        activity.SetTag(MessagingTags.BodySize, message.Body.Length);
    }

    // "{operation} {destination}": the exchange, or the routing key (the queue) on the default exchange.
    private static string SpanName(string operation, string destination, string routingKey) =>
        destination.Length > 0 ? operation + " " + destination : routingKey.Length > 0 ? operation + " " + routingKey : operation;
}
