namespace Kombu.Exceptions;

/// <summary>The requested serializer or compression method is not registered.</summary>
/// <remarks>Kombu's <c>SerializerNotInstalled</c>.</remarks>
public class SerializerNotInstalledException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public SerializerNotInstalledException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public SerializerNotInstalledException(string message, Exception? innerException) : base(message, innerException) { }
}
