namespace Kombu.Transport.Amqp;

/// <summary>The AMQP connection was lost or closed in a way reconnecting may cure: a network or socket failure, a
/// timeout, 320 CONNECTION_FORCED (a broker shutting down) or 506 RESOURCE_ERROR.</summary>
/// <remarks>py-amqp's <c>RecoverableConnectionError</c> and the socket errors Kombu lists with it in the transport's
/// <c>recoverable_connection_errors</c>.</remarks>
public sealed class AmqpRecoverableConnectionException : AmqpConnectionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="replyCode">The AMQP reply code, or 0 for a network failure.</param>
    /// <param name="innerException">The RabbitMQ.Client or socket error.</param>
    public AmqpRecoverableConnectionException(string message, int replyCode, Exception? innerException)
        : base(message, replyCode, innerException)
    {
    }
}
