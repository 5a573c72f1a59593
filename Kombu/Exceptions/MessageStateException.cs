namespace Kombu.Exceptions;

/// <summary>The message was already acknowledged, rejected or requeued, or has no channel.</summary>
/// <remarks>Kombu's <c>MessageStateError</c>.</remarks>
public class MessageStateException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MessageStateException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public MessageStateException(string message, Exception? innerException) : base(message, innerException) { }
}
