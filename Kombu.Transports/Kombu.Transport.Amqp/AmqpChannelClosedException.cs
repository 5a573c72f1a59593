namespace Kombu.Transport.Amqp;

/// <summary>An operation on a channel that was already closed (by the client, or by the broker after an earlier error).</summary>
/// <remarks>
/// py-amqp raises <c>RecoverableConnectionError('connection already closed')</c> for a channel it has torn down: this
/// type is among the AMQP transport's <c>RecoverableConnectionErrors</c>, so <c>Ensure</c> reconnects and revives the
/// producer or consumer on a new channel. <see cref="AmqpChannelException.ReplyCode"/> is the code the channel was closed
/// with, or 0.
/// </remarks>
public sealed class AmqpChannelClosedException : AmqpChannelException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="replyCode">The code the channel was closed with, or 0.</param>
    /// <param name="innerException">The RabbitMQ.Client error, if any.</param>
    public AmqpChannelClosedException(string message, int replyCode, Exception? innerException)
        : base(message, replyCode, innerException)
    {
    }
}
