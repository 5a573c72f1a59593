using Kombu.Exceptions;

namespace Kombu.Transport.Amqp;

/// <summary>The AMQP connection failed or was closed by the broker with an error reconnecting does not cure (such as
/// 403 ACCESS_REFUSED at login, 501 FRAME_ERROR or 530 NOT_ALLOWED).</summary>
/// <remarks>
/// py-amqp's <c>amqp.exceptions.ConnectionError</c>, with the AMQP reply code. This type itself stands for the errors
/// py-amqp calls irrecoverable; network failures, 320 CONNECTION_FORCED and 506 RESOURCE_ERROR are
/// <see cref="AmqpRecoverableConnectionException"/>.
/// </remarks>
public class AmqpConnectionException : KombuConnectionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="replyCode">The AMQP reply code, or 0 for a network failure.</param>
    /// <param name="innerException">The RabbitMQ.Client or socket error.</param>
    public AmqpConnectionException(string message, int replyCode, Exception? innerException) : base(message, innerException) =>
        ReplyCode = replyCode;

    /// <summary>The AMQP reply code (320, 501…), or 0 for a network failure.</summary>
    public int ReplyCode { get; }
}
