using Microsoft.Extensions.Logging;

namespace Kombu.Pidbox;

/// <summary>Source-generated log messages of pidbox nodes.</summary>
internal static partial class PidboxLog
{
    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "pidbox received method {Method} [reply_to:{ReplyTo} ticket:{Ticket}]")]
    public static partial void LogDispatch(this ILogger logger, string method, string? replyTo, string? ticket);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "pidbox command error: {Error}")]
    public static partial void LogCommandError(this ILogger logger, Exception? exception, string error);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "Can't decode message body: {Error}")]
    public static partial void LogDecodeError(this ILogger logger, Exception exception, string error);
}
