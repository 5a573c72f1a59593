using Kombu.Exceptions;

namespace Kombu.Transport.CouchDb;

/// <summary>The CouchDB server could not be reached, timed out or refused the credentials; reconnecting may help.</summary>
public class CouchDbConnectionException : KombuConnectionException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CouchDbConnectionException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public CouchDbConnectionException(string message, Exception? innerException) : base(message, innerException) { }
}
