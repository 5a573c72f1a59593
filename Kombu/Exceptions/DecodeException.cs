namespace Kombu.Exceptions;

/// <summary>A message body could not be deserialized or decompressed.</summary>
/// <remarks>Kombu's <c>DecodeError</c>.</remarks>
public class DecodeException : SerializationException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public DecodeException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public DecodeException(string message, Exception? innerException) : base(message, innerException) { }
}
