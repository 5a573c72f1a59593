namespace Kombu.Transport;

/// <summary>Receives a message delivered to a channel consumer.</summary>
/// <param name="message">The delivered message.</param>
/// <param name="cancellationToken">Cancels the handling.</param>
/// <returns>A task that completes when the message was handled.</returns>
public delegate ValueTask MessageHandler(Message message, CancellationToken cancellationToken);
