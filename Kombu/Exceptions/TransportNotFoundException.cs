namespace Kombu.Exceptions;

/// <summary>A connection named a transport that is unknown or whose package is not installed.</summary>

public class TransportNotFoundException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TransportNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public TransportNotFoundException(string message, Exception? innerException) : base(message, innerException) { }
}
