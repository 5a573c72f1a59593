namespace Kombu.Exceptions;

/// <summary>The transport cannot perform the requested operation.</summary>

public class UnsupportedOperationException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public UnsupportedOperationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public UnsupportedOperationException(string message, Exception? innerException) : base(message, innerException) { }
}
