namespace Kombu.Exceptions;

/// <summary>The broker's data is inconsistent with what this client expects.</summary>
/// <remarks>Kombu's <c>InconsistencyError</c>.</remarks>
public class InconsistencyException : KombuConnectionException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public InconsistencyException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public InconsistencyException(string message, Exception? innerException) : base(message, innerException) { }
}
