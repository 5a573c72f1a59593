namespace Kombu.Transport;

/// <summary>Receives a message delivered to a channel consumer.</summary>
/// <remarks>Kombu's <c>basic_consume</c> callback: it gets the transport's message; the front door's consumer builds
/// its <see cref="Message"/> from it.</remarks>
/// <param name="message">The delivered message, as the transport received it.</param>
/// <param name="cancellationToken">Cancels the handling.</param>
/// <returns>A task that completes when the message was handled.</returns>
public delegate ValueTask MessageHandler(IncomingMessage message, CancellationToken cancellationToken);
