using Microsoft.Extensions.Logging;

namespace Kombu.Extensions.Hosting;

/// <summary>Source-generated log messages of the hosted consumers.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Consumer {Handler} starting on {Queues}")]
    public static partial void LogConsumerStarting(this ILogger logger, string handler, string queues);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Handler {Handler} failed on a message from {RoutingKey}; the message is {Outcome}")]
    public static partial void LogHandlerFailed(this ILogger logger, Exception exception, string handler, string? routingKey, string outcome);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Consumer {Handler} stopped")]
    public static partial void LogConsumerStopped(this ILogger logger, string handler);
}
