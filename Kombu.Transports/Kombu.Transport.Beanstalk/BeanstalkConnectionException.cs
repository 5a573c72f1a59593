using Kombu.Exceptions;

namespace Kombu.Transport.Beanstalk;

/// <summary>The connection to beanstalkd could not be made or was lost; reconnecting may help.</summary>
public class BeanstalkConnectionException : KombuConnectionException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public BeanstalkConnectionException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public BeanstalkConnectionException(string message, Exception? innerException) : base(message, innerException) { }
}
