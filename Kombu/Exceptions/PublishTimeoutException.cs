namespace Kombu.Exceptions;

/// <summary>A publish did not complete in the time given to <c>Producer.Publish(timeout:)</c>: with publisher confirms, the
/// broker did not confirm the message in time.</summary>
/// <remarks>Where py-amqp raises <c>socket.timeout</c> from <c>basic_publish_confirm</c>. Whether the broker took the
/// message is unknown; <c>Ensure</c> and <c>retry</c> do not publish it again.</remarks>
public sealed class PublishTimeoutException : KombuException
{
    /// <summary>Creates the exception for a message published to <paramref name="exchange"/>.</summary>
    /// <param name="exchange">The exchange the message was published to (empty for the default exchange).</param>
    /// <param name="routingKey">The message's routing key.</param>
    /// <param name="timeout">The time the publish was given.</param>
    /// <param name="innerException">The cancellation that ended the wait, if any.</param>
    public PublishTimeoutException(string exchange, string routingKey, TimeSpan timeout, Exception? innerException)
        : base(ErrorMessages.PublishTimedOut(exchange, routingKey, timeout), innerException)
    {
        Exchange = exchange;
        RoutingKey = routingKey;
        Timeout = timeout;
    }

    /// <summary>The exchange the message was published to (empty for the default exchange).</summary>
    public string Exchange { get; }

    /// <summary>The message's routing key.</summary>
    public string RoutingKey { get; }

    /// <summary>The time the publish was given.</summary>
    public TimeSpan Timeout { get; }
}
