namespace Kombu.Exceptions;

/// <summary>The connection to the broker failed or was lost; reconnecting may help.</summary>
/// <remarks>Stands for the connection errors a transport lists in <c>ConnectionErrors</c>.</remarks>
public class KombuConnectionException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public KombuConnectionException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public KombuConnectionException(string message, Exception? innerException) : base(message, innerException) { }
}
