using Microsoft.Extensions.Logging;

namespace Kombu.Transport.Sqs;

/// <summary>Source-generated log messages of the SQS transport.</summary>
internal static partial class SqsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "SQS refused to delete acknowledged message {MessageId} from {QueueUrl}; treating the ack as a reject, " +
            "so the message returns after its visibility timeout")]
    public static partial void AckFailed(ILogger logger, Exception exception, string? messageId, string queueUrl);
}
