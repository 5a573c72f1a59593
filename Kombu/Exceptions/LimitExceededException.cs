namespace Kombu.Exceptions;

/// <summary>A resource limit was exceeded.</summary>
/// <remarks>Kombu's <c>LimitExceeded</c>.</remarks>
public class LimitExceededException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LimitExceededException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public LimitExceededException(string message, Exception? innerException) : base(message, innerException) { }
}
