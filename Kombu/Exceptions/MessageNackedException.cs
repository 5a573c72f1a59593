namespace Kombu.Exceptions;

/// <summary>The broker refused a published message (a publisher-confirm <c>basic.nack</c>), such as a full queue with
/// <c>x-overflow: reject-publish</c>.</summary>
/// <remarks>py-amqp's <c>MessageNacked</c>. Not a connection or channel error: <c>Ensure</c> and <c>retry</c> do not
/// publish the message again.</remarks>
public sealed class MessageNackedException : KombuException
{
    /// <summary>Creates the exception for a message published to <paramref name="exchange"/>.</summary>
    /// <param name="exchange">The exchange the message was published to (empty for the default exchange).</param>
    /// <param name="routingKey">The message's routing key.</param>
    /// <param name="innerException">The client library's error, if any.</param>
    public MessageNackedException(string exchange, string routingKey, Exception? innerException)
        : base(ErrorMessages.MessageNacked(exchange, routingKey), innerException)
    {
        Exchange = exchange;
        RoutingKey = routingKey;
    }

    /// <summary>The exchange the message was published to (empty for the default exchange).</summary>
    public string Exchange { get; }

    /// <summary>The message's routing key.</summary>
    public string RoutingKey { get; }
}
