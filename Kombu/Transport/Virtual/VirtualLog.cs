using Microsoft.Extensions.Logging;

namespace Kombu.Transport.Virtual;

/// <summary>Source-generated log messages of the virtual transports.</summary>
internal static partial class VirtualLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Message could not be delivered: No queues bound to exchange '{Exchange}' using binding key " +
            "'{RoutingKey}'; sending it to the dead-letter queue '{Queue}'")]
    public static partial void Undeliverable(ILogger logger, string exchange, string routingKey, string queue);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "Message dropped: no queues bound to exchange '{Exchange}' using binding key '{RoutingKey}'")]
    public static partial void Dropped(ILogger logger, string exchange, string routingKey);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Could not restore message {DeliveryTag} (exchange '{Exchange}', routing key '{RoutingKey}'); it is lost")]
    public static partial void RestoreFailed(ILogger logger, Exception exception, string deliveryTag, string exchange,
        string routingKey);
}
