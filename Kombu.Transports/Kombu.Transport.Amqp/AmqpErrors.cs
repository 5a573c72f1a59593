using System.Net.Sockets;
using Kombu.Exceptions;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Kombu.Transport.Amqp;

/// <summary>Classifies RabbitMQ.Client failures into the transport's connection and channel errors.</summary>
/// <remarks>
/// What py-amqp's <c>error_for_code</c> and its recoverable/irrecoverable exception classes do for Kombu's <c>Ensure</c>:
/// a reply code the broker sent picks the class; a failure of the network or of the client library is a recoverable
/// connection error, as Kombu lists socket errors among <c>recoverable_connection_errors</c>.
/// </remarks>
internal static class AmqpErrors
{
    // AMQP 0-9-1 hard errors close the connection whatever the state of the channel.
    private static readonly HashSet<int> ConnectionCodes = [320, 402, 501, 502, 503, 504, 505, 506, 530, 540, 541];

    // py-amqp's RecoverableConnectionError and RecoverableChannelError codes; every other code is irrecoverable.
    private static readonly HashSet<int> RecoverableConnectionCodes = [320, 506];
    private static readonly HashSet<int> RecoverableChannelCodes = [311, 313, 405];

    /// <summary>The transport's <c>RecoverableConnectionErrors</c>.</summary>
    public static readonly IReadOnlyList<Type> RecoverableConnectionErrors =
        [typeof(AmqpRecoverableConnectionException), typeof(AmqpChannelClosedException)];

    /// <summary>The transport's <c>RecoverableChannelErrors</c>.</summary>
    public static readonly IReadOnlyList<Type> RecoverableChannelErrors = [typeof(AmqpRecoverableChannelException)];

    /// <summary>Whether <paramref name="ex"/> comes from the driver or the network and must be translated.</summary>
    /// <param name="ex">The error.</param>
    /// <returns><see langword="true"/> for RabbitMQ.Client, socket and I/O errors.</returns>
    public static bool IsDriverError(Exception ex) => ex is not KombuException && ex is OperationInterruptedException
        or BrokerUnreachableException or ConnectFailureException or ProtocolException or ChannelAllocationException
        or PublishException or PossibleAuthenticationFailureException or IOException or SocketException or ObjectDisposedException
        or TimeoutException or InvalidOperationException;

    /// <summary>Whether a failed connection attempt was a refused login (py-amqp's <c>AccessRefused</c>).</summary>
    /// <param name="ex">The driver error.</param>
    /// <returns><see langword="true"/> when the broker refused the credentials.</returns>
    public static bool IsLoginRefused(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationFailureException)
                return true;
        }
        return false;
    }

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
        var alreadyClosed = ex is AlreadyClosedException or ObjectDisposedException;
        var channelLevel = ex switch
        {
            OperationInterruptedException or ObjectDisposedException or PublishException or InvalidOperationException =>
                connectionOpen && !ConnectionCodes.Contains(code),
            _ => false,
        };
        if (channelLevel)
        {
            var channelText = reason is null ? ex.Message : AmqpMessages.Closed("Channel", reason);
            return alreadyClosed ? new AmqpChannelClosedException(channelText, code, ex) : ChannelError(channelText, code, ex);
        }
        var text = reason is null ? ex.Message : AmqpMessages.Closed("Connection", reason);
        return alreadyClosed ? new AmqpRecoverableConnectionException(text, code, ex) : ConnectionError(text, reason, ex);
    }

    /// <summary>The channel error for a reply code: recoverable for 311, 313 and 405, as py-amqp.</summary>
    /// <param name="text">What went wrong.</param>
    /// <param name="code">The AMQP reply code, or 0.</param>
    /// <param name="inner">The driver error, if any.</param>
    /// <returns>The exception to raise.</returns>
    public static AmqpChannelException ChannelError(string text, int code, Exception? inner) =>
        RecoverableChannelCodes.Contains(code)
            ? new AmqpRecoverableChannelException(text, code, inner)
            : new AmqpChannelException(text, code, inner);

    /// <summary>The connection error for a shutdown: recoverable unless the broker closed it with an irrecoverable code.</summary>
    /// <param name="text">What went wrong.</param>
    /// <param name="reason">Why the connection closed; <see langword="null"/> for a network failure.</param>
    /// <param name="inner">The driver error, if any.</param>
    /// <returns>The exception to raise.</returns>
    public static AmqpConnectionException ConnectionError(string text, ShutdownEventArgs? reason, Exception? inner) =>
        reason is not { Initiator: ShutdownInitiator.Peer } || RecoverableConnectionCodes.Contains(reason.ReplyCode)
            ? new AmqpRecoverableConnectionException(text, reason?.ReplyCode ?? 0, inner)
            : new AmqpConnectionException(text, reason.ReplyCode, inner);
}
