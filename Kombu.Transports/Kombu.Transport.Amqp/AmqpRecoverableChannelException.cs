namespace Kombu.Transport.Amqp;

/// <summary>An AMQP channel error worth retrying on the same connection: 311 CONTENT_TOO_LARGE, 313 NO_CONSUMERS,
/// 405 RESOURCE_LOCKED.</summary>
/// <remarks>py-amqp's <c>RecoverableChannelError</c>; the AMQP transport's <c>RecoverableChannelErrors</c>.</remarks>
public sealed class AmqpRecoverableChannelException : AmqpChannelException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="replyCode">The AMQP reply code.</param>
    /// <param name="innerException">The RabbitMQ.Client error.</param>
    public AmqpRecoverableChannelException(string message, int replyCode, Exception? innerException)
        : base(message, replyCode, innerException)
    {
    }
}
