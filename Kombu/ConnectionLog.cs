using Microsoft.Extensions.Logging;

namespace Kombu;

/// <summary>Source-generated log messages of the connection.</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Failed to close a channel or connection cleanly")]
    public static partial void LogCloseFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Ensure: connection error, reconnecting (retry {Retries})")]
    public static partial void LogEnsureConnectionError(this ILogger logger, Exception exception, int retries);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Ensure: channel error, retrying (retry {Retries})")]
    public static partial void LogEnsureChannelError(this ILogger logger, Exception exception, int retries);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Connection to {Uri} failed, trying again in {Interval}")]
    public static partial void LogConnectRetry(this ILogger logger, Exception exception, string uri, TimeSpan interval);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Connecting to {Uri}")]
    public static partial void LogConnecting(this ILogger logger, string uri);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Connected to {Uri}")]
    public static partial void LogConnected(this ILogger logger, string uri);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "The broker of {Uri} accepts connections again: retrying now")]
    public static partial void LogBrokerBack(this ILogger logger, string uri);
}
