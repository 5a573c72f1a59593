namespace Kombu.Exceptions;

/// <summary>Builds the text of every error message Kombu raises, in one place.</summary>
internal static partial class ErrorMessages
{
    public const string NoReceivingChannel = "This message does not have a receiving channel";

    public static string AlreadyAcknowledged(MessageState state) =>
        $"Message already acknowledged with state: {StateName(state)}";

    public static string DecompressFailed(string method, Exception ex) =>
        $"Could not decompress the message body with '{method}': {ex.Message}";

    public static string ConvertFailed(Type type, Exception ex) =>
        $"Could not convert the decoded message body to {type.Name}: {ex.Message}";

    public static string NotBound(object entity, string operation) =>
        $"Can't call {operation} on {entity} not bound to a channel";

    public static string MessageNacked(string exchange, string routingKey) =>
        $"The broker refused (basic.nack) the message published to exchange '{exchange}' with routing key '{routingKey}'";

    public static string PublishTimedOut(string exchange, string routingKey, TimeSpan timeout) =>
        $"Publishing to exchange '{exchange}' with routing key '{routingKey}' did not complete within " +
        $"{timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s (no publisher confirm from the broker)";

    public static string StateName(MessageState state) => state switch
    {
        MessageState.Ack => "ACK",
        MessageState.Rejected => "REJECTED",
        MessageState.Requeued => "REQUEUED",
        _ => "RECEIVED",
    };
}
