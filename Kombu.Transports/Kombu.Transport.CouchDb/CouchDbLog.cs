using Microsoft.Extensions.Logging;

namespace Kombu.Transport.CouchDb;

/// <summary>Source-generated log messages of the CouchDB transport; server addresses are logged without credentials.</summary>
internal static partial class CouchDbLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Created CouchDB database '{Database}' on {Server}")]
    public static partial void DatabaseCreated(ILogger logger, string database, Uri server);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Wrote the design document _design/kombu (view 'messages') into CouchDB database '{Database}'")]
    public static partial void ViewWritten(ILogger logger, string database);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "Message document {DocumentId} of queue '{Queue}' was taken by another consumer; trying the next one")]
    public static partial void TakenElsewhere(ILogger logger, string documentId, string queue);
}
