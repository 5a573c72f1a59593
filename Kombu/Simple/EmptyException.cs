using Kombu.Exceptions;

namespace Kombu.Simple;

/// <summary>A simple queue had no message to return.</summary>
/// <remarks>Kombu's <c>SimpleQueue.Empty</c> (Python's <c>queue.Empty</c>).</remarks>
public class EmptyException : KombuException
{
    /// <summary>Creates the exception with the standard message.</summary>
    public EmptyException() : base(ErrorMessages.SimpleQueueEmpty) { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public EmptyException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public EmptyException(string message, Exception? innerException) : base(message, innerException) { }
}
