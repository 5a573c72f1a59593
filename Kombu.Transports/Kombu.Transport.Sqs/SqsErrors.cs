namespace Kombu.Transport.Sqs;

/// <summary>The error texts of the SQS transport.</summary>
internal static class SqsErrors
{
    public static string AckAccessDenied(string url, string reason) =>
        $"SQS denied deleting an acknowledged message from {url} ({reason}): give these credentials sqs:DeleteMessage " +
        "on the queue, or configure the queue's own access_key_id/secret_access_key in predefined_queues.";

    public static string BatchEntriesFailed(string queue, int failed, int sent, string firstReason) =>
        $"SQS refused {failed} of {sent} messages of a SendMessageBatch to queue '{queue}' (first reason: {firstReason}).";

    public static string BadOption(string name, object value) =>
        $"SQS transport option '{name}' has an unusable value '{value}'.";

    public static string FanoutNotSupported(string exchange) =>
        $"Fanout exchange '{exchange}' is not supported by the SQS transport: Kombu's SQS fanout kept its routing table " +
        "in Amazon SimpleDB (Kombu 2.x/3.x) or used SNS (unreleased), and no SimpleDB or SNS client is available here.";

    public static string BadPredefinedQueue(string queue, string problem) =>
        $"SQS transport option predefined_queues['{queue}'] is unusable: {problem}.";

    public static string FifoMismatch(string queue, string url) =>
        $"SQS predefined queue '{queue}' has URL '{url}': a FIFO queue's name and URL must both end with '.fifo', " +
        "and a standard queue's neither.";

    public static string UnsupportedClientConfig(string key, IEnumerable<string> known) =>
        $"SQS transport option client-config['{key}'] has no AWSSDK equivalent here (supported: {string.Join(", ", known)}).";

    public static string UndefinedQueue(string queue) =>
        $"Queue '{queue}' is not in predefined_queues; with predefined_queues the SQS transport creates no queues.";
}
