using Kombu.Transport;

namespace Kombu.Diagnostics;

/// <summary>Attribute names of the OpenTelemetry messaging semantic conventions, and Kombu's own.</summary>
internal static class MessagingTags
{
    public const string System = "messaging.system";
    public const string OperationType = "messaging.operation.type";
    public const string OperationName = "messaging.operation.name";
    public const string DestinationName = "messaging.destination.name";
    public const string SubscriptionName = "messaging.destination.subscription.name";
    public const string RabbitMqRoutingKey = "messaging.rabbitmq.destination.routing_key";
    public const string RabbitMqDeliveryTag = "messaging.rabbitmq.message.delivery_tag";
    public const string RoutingKey = "kombu.routing_key";
    public const string MessageId = "messaging.message.id";
    public const string ConversationId = "messaging.message.conversation_id";
    public const string BatchMessageCount = "messaging.batch.message_count";
    public const string BodySize = "messaging.message.body.size";
    public const string ErrorType = "error.type";

    /// <summary>The <c>messaging.system</c> value of a transport: the convention's name where it has one.</summary>
    public static string SystemOf(BrokerTransport transport) => transport.DriverType switch
    {
        "amqp" => "rabbitmq",
        "sqs" => "aws_sqs",
        "sentinel" => "redis",
        var other => other,
    };

    /// <summary>The routing-key attribute of a system: RabbitMQ's own, or Kombu's for the others.</summary>
    public static string RoutingKeyFor(string system) => system == "rabbitmq" ? RabbitMqRoutingKey : RoutingKey;
}
