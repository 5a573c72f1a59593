namespace Kombu.Exceptions;

/// <summary>A recoverable error talking to the broker, raised once retries are exhausted.</summary>
/// <remarks>Kombu's <c>OperationalError</c>.</remarks>
public class OperationalException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public OperationalException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public OperationalException(string message, Exception? innerException) : base(message, innerException) { }
}
