using Kombu.Exceptions;

namespace Kombu.Transport.Amqp;

/// <summary>An AMQP channel error (such as 404 NOT_FOUND or 406 PRECONDITION_FAILED); the connection is still usable.</summary>
/// <remarks>
/// py-amqp's <c>amqp.exceptions.ChannelError</c>, with the AMQP reply code. This type itself stands for the errors
/// py-amqp calls irrecoverable (403, 404, 406, and any code it does not know): retrying the same operation fails again.
/// The recoverable ones are <see cref="AmqpRecoverableChannelException"/> and <see cref="AmqpChannelClosedException"/>.
/// </remarks>
public class AmqpChannelException : KombuChannelException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="replyCode">The AMQP reply code, or 0 when the broker sent none.</param>
    /// <param name="innerException">The RabbitMQ.Client error.</param>
    public AmqpChannelException(string message, int replyCode, Exception? innerException) : base(message, innerException) =>
        ReplyCode = replyCode;

    /// <summary>The AMQP reply code (404, 405, 406…), or 0 when the broker sent none.</summary>
    public int ReplyCode { get; }
}
