using Microsoft.Extensions.Logging;

namespace Kombu.Transport.Redis;

/// <summary>Source-generated log messages of the Redis transport.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "Redis is unreachable: {Count} held message(s) are kept to be put back by the next connection to {Store}")]
    public static partial void Kept(ILogger logger, int count, string store);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "Put back {Count} message(s) held while Redis was unreachable ({Pushed} pushed; the rest were already restored or acknowledged)")]
    public static partial void Returned(ILogger logger, int count, long pushed);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error,
        Message = "Redis refused to put back {Count} held message(s); their unacked records stay for the visibility sweep")]
    public static partial void PutBackRefused(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning,
        Message = "A blocking pop was still unanswered when its socket was given up; the socket is kept open to put back a message Redis may still send")]
    public static partial void PopAbandoned(ILogger logger);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information,
        Message = "Put back the message a given-up blocking pop received from '{Key}'")]
    public static partial void PopReturned(ILogger logger, string key);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error,
        Message = "The entry taken from queue '{Queue}' is not a message envelope; it was moved to '{KeptIn}'")]
    public static partial void SetAside(ILogger logger, Exception exception, string queue, string keptIn);
}
