namespace Kombu.Exceptions;

/// <summary>An entity that needs a channel was used before being bound to one.</summary>
/// <remarks>Kombu's <c>NotBoundError</c>.</remarks>
public class NotBoundException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public NotBoundException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public NotBoundException(string message, Exception? innerException) : base(message, innerException) { }
}
