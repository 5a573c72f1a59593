namespace Kombu.Transport.Beanstalk;

/// <summary>The server sent a reply the protocol does not allow; the client closed the connection, which is out of step.</summary>
public sealed class BeanstalkProtocolException : BeanstalkConnectionException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public BeanstalkProtocolException(string message) : base(message) { }
}
