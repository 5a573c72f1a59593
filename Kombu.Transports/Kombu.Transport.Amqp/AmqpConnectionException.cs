using Kombu.Exceptions;

namespace Kombu.Transport.Amqp;

/// <summary>The AMQP connection failed or was closed (such as 320 CONNECTION_FORCED); reconnecting may help.</summary>
/// <remarks>py-amqp's <c>amqp.exceptions.ConnectionError</c> and socket errors, with the AMQP reply code.</remarks>
public sealed class AmqpConnectionException : KombuConnectionException
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
