using Microsoft.Extensions.Logging;

namespace Kombu.Celery;

/// <summary>Source-generated log messages of Kombu.Celery.</summary>
internal static partial class CeleryLog
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Result consumer lost its connection; reconnecting")]
    public static partial void LogResultConsumerLost(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Error, Message = "Received unregistered task of type '{Name}'. The message has been rejected (id {Id}).")]
    public static partial void LogUnknownTask(this ILogger logger, string name, string id);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Error, Message = "Received invalid task message: {Reason}. The message has been rejected.")]
    public static partial void LogInvalidTask(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Information, Message = "Task {Name}[{Id}] received")]
    public static partial void LogTaskReceived(this ILogger logger, string name, string id);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Information, Message = "Task {Name}[{Id}] succeeded in {Runtime}s")]
    public static partial void LogTaskSucceeded(this ILogger logger, string name, string id, double runtime);

    [LoggerMessage(EventId = 1806, Level = LogLevel.Error, Message = "Task {Name}[{Id}] raised unexpected: {Error}")]
    public static partial void LogTaskFailed(this ILogger logger, Exception? exception, string name, string id, string error);

    [LoggerMessage(EventId = 1807, Level = LogLevel.Information, Message = "Task {Name}[{Id}] retry: {Reason}")]
    public static partial void LogTaskRetry(this ILogger logger, string name, string id, string reason);

    [LoggerMessage(EventId = 1808, Level = LogLevel.Information, Message = "Discarding revoked task: {Name}[{Id}] ({Reason})")]
    public static partial void LogTaskRevoked(this ILogger logger, string name, string id, string reason);

    [LoggerMessage(EventId = 1809, Level = LogLevel.Warning, Message = "Consumer connection lost; restarting in {Delay}")]
    public static partial void LogConsumerRestart(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 1810, Level = LogLevel.Information, Message = "{Hostname} ready, consuming from {Queues}")]
    public static partial void LogWorkerReady(this ILogger logger, string hostname, string queues);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Warning, Message = "Could not settle message of task {Id}: {Error}")]
    public static partial void LogSettleFailed(this ILogger logger, Exception exception, string id, string error);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Warning, Message = "Could not publish {What}: {Error}")]
    public static partial void LogPublishFailed(this ILogger logger, Exception exception, string what, string error);

    [LoggerMessage(EventId = 1813, Level = LogLevel.Warning, Message = "Got shutdown from remote")]
    public static partial void LogRemoteShutdown(this ILogger logger);
}
