namespace Kombu.Exceptions;

/// <summary>The consumer refuses a message whose content type it does not accept.</summary>
/// <remarks>Kombu's <c>ContentDisallowed</c>.</remarks>
public class ContentDisallowedException : SerializerNotInstalledException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ContentDisallowedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public ContentDisallowedException(string message, Exception? innerException) : base(message, innerException) { }
}
