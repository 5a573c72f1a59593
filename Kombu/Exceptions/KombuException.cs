namespace Kombu.Exceptions;

/// <summary>The root of every error Kombu raises.</summary>
/// <remarks>Kombu's <c>KombuError</c>.</remarks>
public class KombuException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public KombuException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public KombuException(string message, Exception? innerException) : base(message, innerException) { }
}
