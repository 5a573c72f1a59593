using Microsoft.Extensions.Logging;

namespace Kombu.Transport.MongoDb;

/// <summary>Source-generated log messages of the MongoDB transport.</summary>
internal static partial class MongoDbLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "The broadcast cursor of fanout queue '{Queue}' (exchange '{Exchange}') became invalid at the server " +
            "({Reason}); it was reopened after the newest message, so fanout messages published meanwhile may be missed")]
    public static partial void BroadcastCursorLost(ILogger logger, string queue, string exchange, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "Created the capped broadcast collection '{Collection}' ({Size} bytes) in database '{Database}'")]
    public static partial void BroadcastCreated(ILogger logger, string collection, long size, string database);
}
