namespace Kombu.Extensions.Hosting;

/// <summary>Handles the messages of a hosted consumer (see <c>AddKombuConsumer</c>); resolved in a scope of its own per message.</summary>
public interface IMessageHandler
{
    /// <summary>Handles one message.</summary>
    /// <param name="body">The decoded body (a JSON object is an <c>IDictionary&lt;string, object?&gt;</c>).</param>
    /// <param name="message">The message: its properties, headers and delivery info; ack or reject it here to decide yourself.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>A task that completes when the message is handled.</returns>
    /// <remarks>
    /// A message the handler neither acknowledged nor rejected is acknowledged when the handler returns, and rejected
    /// (requeued when <see cref="KombuConsumerOptions.RequeueOnError"/> is set) when it throws.
    /// </remarks>
    Task HandleAsync(object? body, Message message, CancellationToken cancellationToken);
}
