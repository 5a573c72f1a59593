namespace Kombu.Transport;

/// <summary>A channel that reports messages the broker returned (a <c>mandatory</c> publish no queue took).</summary>
/// <remarks>Kombu's <c>channel.events['basic_return']</c>; the <see cref="Producer"/> passes them to its <see cref="Producer.OnReturn"/>.</remarks>
public interface IReturnsMessages
{
    /// <summary>Raised with (error, exchange, routing key, message) for each returned message.</summary>
    event Action<Exception, string, string, IncomingMessage>? Returned;
}
