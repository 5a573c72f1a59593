using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Kombu.Transport.Amqp;

/// <summary>Builds the text of the errors the AMQP transport raises, in one place.</summary>
internal static class AmqpMessages
{
    public const string DrainTimedOut = "timed out";

    public const string ConnectionClosed = "Connection to the AMQP broker is closed";

    public const string SocketEnded = "The peer closed the socket";

    public const string FlowNotSupported =
        "RabbitMQ does not support channel.flow(active=False) from clients; use basic_qos or cancel the consumer.";

    public const string RecoverWithoutRequeue = "RabbitMQ does not support basic_recover(requeue=False)";

    public static string NotADeliveryNumber(DeliveryTag tag) =>
        $"'{tag}' is not an AMQP delivery tag: RabbitMQ numbers its deliveries.";

    public static string ConnectFailed(string host, int port, Exception ex) =>
        $"Couldn't connect to AMQP broker at {host}:{port}: {ex.GetBaseException().Message}";

    public static string ConnectTimedOut(string host, int port, TimeSpan timeout) =>
        $"Couldn't connect to AMQP broker at {host}:{port}: no handshake within connect_timeout ({timeout.TotalSeconds:0.###} s)";

    public static string Closed(string what, ushort code, string text) => $"{what} closed by the broker: ({code}) {text}";

    /// <summary>
    /// Says why a connection or channel closed: the broker's close (with its code and text) only when the broker sent
    /// one; otherwise what the client saw (a TCP reset, missed heartbeats, the socket ending) or that it closed itself.
    /// </summary>
    public static string Closed(string what, ShutdownEventArgs reason) => reason switch
    {
        { Initiator: ShutdownInitiator.Peer } => Closed(what, reason.ReplyCode, reason.ReplyText),
        { Initiator: ShutdownInitiator.Application } => $"{what} closed by the client: ({reason.ReplyCode}) {reason.ReplyText}",
        // RabbitMQ.Client reports missed heartbeats as an end of stream whose message names the heartbeat.
        { Exception: EndOfStreamException eos } when eos.Message.Contains("Heartbeat", StringComparison.OrdinalIgnoreCase) =>
            $"{what} lost: heartbeat missed, the broker sent nothing for two heartbeat intervals ({eos.Message})",
        { Exception: { } ex } when IsReset(ex) => $"{what} lost: the TCP connection was reset ({ex.GetBaseException().Message})",
        { Exception: EndOfStreamException } =>
            $"{what} lost: the socket was closed without an AMQP close (end of stream); the broker or the network dropped it",
        _ => $"{what} lost: ({reason.ReplyCode}) {reason.ReplyText}",
    };

    private static bool IsReset(Exception ex) =>
        ex.GetBaseException() is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted };

    public static string Failed(Exception ex) => ex.Message;

    public static string UnsupportedLoginMethod(string method) =>
        $"Unsupported login_method '{method}': use PLAIN, AMQPLAIN or EXTERNAL";

    public static string UnsupportedHeaderValue(string key, Type type) =>
        $"Header '{key}' has a value of type {type.Name}, which an AMQP field table cannot carry";

    public static string Returned(ushort code, string text) => $"({code}) {text}";
}
