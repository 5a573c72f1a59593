namespace Kombu.Exceptions;

/// <summary>Serializing or deserializing a message body failed.</summary>
/// <remarks>Kombu's <c>SerializationError</c>.</remarks>
public class SerializationException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public SerializationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public SerializationException(string message, Exception? innerException) : base(message, innerException) { }
}
