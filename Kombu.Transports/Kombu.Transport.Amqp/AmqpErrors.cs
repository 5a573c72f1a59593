using System.Net.Sockets;
using Kombu.Exceptions;
using RabbitMQ.Client.Exceptions;

namespace Kombu.Transport.Amqp;

/// <summary>Classifies RabbitMQ.Client failures into the transport's connection and channel errors.</summary>
/// <remarks>What py-amqp's <c>connection_errors</c> and <c>channel_errors</c> lists do for Kombu's <c>Ensure</c>.</remarks>
internal static class AmqpErrors
{
    // AMQP 0-9-1 hard errors close the connection whatever the state of the channel.
    private static readonly HashSet<int> ConnectionCodes = [320, 402, 501, 502, 503, 504, 505, 506, 530, 540, 541];

    /// <summary>Whether <paramref name="ex"/> comes from the driver or the network and must be translated.</summary>
    /// <param name="ex">The error.</param>
    /// <returns><see langword="true"/> for RabbitMQ.Client, socket and I/O errors.</returns>
    public static bool IsDriverError(Exception ex) => ex is not KombuException && ex is OperationInterruptedException
        or BrokerUnreachableException or ConnectFailureException or ProtocolException or ChannelAllocationException
        or PublishException or PossibleAuthenticationFailureException or IOException or SocketException or ObjectDisposedException
        or TimeoutException or InvalidOperationException;

    /// <summary>Translates a driver error into a <see cref="KombuConnectionException"/> or <see cref="KombuChannelException"/>.</summary>
    /// <param name="ex">The driver error.</param>
    /// <param name="connectionOpen">Whether the AMQP connection is still open after the failure.</param>
    /// <returns>The Kombu exception wrapping <paramref name="ex"/>.</returns>
    public static KombuException Translate(Exception ex, bool connectionOpen)
    {
        if (ex is KombuException kombu)
            return kombu;
        var reason = (ex as OperationInterruptedException)?.ShutdownReason;
        int code = reason?.ReplyCode ?? 0;
        var text = reason is null ? ex.Message : AmqpMessages.Closed("Channel", reason);
        var channelLevel = ex switch
        {
            OperationInterruptedException or ObjectDisposedException or PublishException or InvalidOperationException =>
                connectionOpen && !ConnectionCodes.Contains(code),
            _ => false,
        };
        if (channelLevel)
            return new AmqpChannelException(text, code, ex);
        if (reason is not null)
            text = AmqpMessages.Closed("Connection", reason);
        return new AmqpConnectionException(text, code, ex);
    }
}
