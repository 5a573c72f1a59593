using Microsoft.Extensions.Logging;

namespace Kombu.Transport.Sql;

/// <summary>Source-generated log messages of the SQL transport (URLs are logged with the password masked).</summary>
internal static partial class SqlLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Kombu tables {QueueTable} and {MessageTable} ready in {Database}")]
    public static partial void SchemaReady(ILogger logger, string queueTable, string messageTable, string database);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Created queue '{Queue}' (row id {QueueId}) in {Database}")]
    public static partial void QueueCreated(ILogger logger, string queue, long queueId, string database);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Skipping message row {MessageId} of queue '{Queue}': its payload is not a Kombu envelope")]
    public static partial void UndecodablePayload(ILogger logger, Exception exception, long messageId, string queue);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Restored {Count} message(s) of queue '{Queue}' claimed more than {VisibilityTimeout} ago and never acknowledged")]
    public static partial void RestoredExpired(ILogger logger, int count, string queue, TimeSpan visibilityTimeout);
}
