using Kombu.Exceptions;

namespace Kombu.Transport.CouchDb;

/// <summary>CouchDB answered a request with an error status (Kombu's <c>couchdb.HTTPError</c> family of channel errors).</summary>
public class CouchDbException : KombuChannelException
{
    /// <summary>Creates the exception with a message and the HTTP status CouchDB answered.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    public CouchDbException(string message, int statusCode) : base(message) => StatusCode = statusCode;

    /// <summary>The HTTP status code CouchDB answered.</summary>
    public int StatusCode { get; }
}
