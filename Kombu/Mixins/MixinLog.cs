using Microsoft.Extensions.Logging;

namespace Kombu.Mixins;

/// <summary>Source-generated log messages of <see cref="ConsumerMixin"/>.</summary>
internal static partial class MixinLog
{
    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Connection to broker lost, trying to re-establish connection in {Interval}")]
    public static partial void LogConnectionLost(this ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Can't decode message body: {Error} (type:{ContentType} encoding:{ContentEncoding})")]
    public static partial void LogDecodeError(this ILogger logger, Exception exception, string error, string? contentType,
        string? contentEncoding);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Connected to {Uri}")]
    public static partial void LogConnected(this ILogger logger, string uri);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Connection to broker lost, restarting the consumers")]
    public static partial void LogRestarting(this ILogger logger, Exception exception);
}
