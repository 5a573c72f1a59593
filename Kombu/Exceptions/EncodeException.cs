namespace Kombu.Exceptions;

/// <summary>A message body could not be serialized.</summary>
/// <remarks>Kombu's <c>EncodeError</c>.</remarks>
public class EncodeException : SerializationException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public EncodeException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public EncodeException(string message, Exception? innerException) : base(message, innerException) { }
}
