namespace Kombu.Exceptions;

/// <summary>Error texts of the virtual transports (AMQP emulation).</summary>
internal static partial class ErrorMessages
{
    public const string ChannelClosed = "Channel is closed";

    public const string DrainTimedOut = "timed out";

    public const string RecoverWithoutRequeue = "Does not support recover(requeue=False)";

    public const string FlowNotSupported = "virtual channels do not support flow.";

    public const string ExchangeBindNotSupported = "virtual channels do not support exchange-to-exchange bindings.";

    public static string NoQueue(string queue, string vhost) =>
        $"NOT_FOUND - no queue '{queue}' in vhost '{vhost}'";

    public static string NoExchange(string exchange, string vhost) =>
        $"NOT_FOUND - no exchange '{exchange}' in vhost '{vhost}'";

    public static string ExchangeNotEquivalent(string exchange, string vhost) =>
        $"PRECONDITION_FAILED - Cannot redeclare exchange '{exchange}' in vhost '{vhost}' with different type, " +
        "durable, autodelete or arguments value";

    public static string UnknownExchangeType(string type) =>
        $"COMMAND_INVALID - unknown exchange type '{type}'";

    public static string InvalidSecondsOption(string name, object? value) =>
        $"Transport option '{name}' must be a number of seconds or a TimeSpan, got '{value}'";
}
