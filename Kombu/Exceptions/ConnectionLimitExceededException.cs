namespace Kombu.Exceptions;

/// <summary>The maximum number of simultaneous connections in a pool was exceeded.</summary>
/// <remarks>Kombu's <c>ConnectionLimitExceeded</c>.</remarks>
public class ConnectionLimitExceededException : LimitExceededException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ConnectionLimitExceededException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public ConnectionLimitExceededException(string message, Exception? innerException) : base(message, innerException) { }
}
