using Kombu.Exceptions;

namespace Kombu.Transport.Beanstalk;

/// <summary>beanstalkd answered a command with an error (such as <c>NOT_FOUND</c> or <c>JOB_TOO_BIG</c>); the connection stays usable.</summary>
public sealed class BeanstalkCommandException : KombuChannelException
{
    /// <summary>Creates the exception for an error reply.</summary>
    /// <param name="command">The command name, such as <c>put</c>.</param>
    /// <param name="status">The reply word, such as <c>NOT_FOUND</c>.</param>
    /// <param name="message">What went wrong.</param>
    public BeanstalkCommandException(string command, string status, string message) : base(message)
    {
        Command = command;
        Status = status;
    }

    /// <summary>The command that failed, such as <c>put</c>.</summary>
    public string Command { get; }

    /// <summary>The server's reply word, such as <c>NOT_FOUND</c>, <c>DEADLINE_SOON</c> or <c>OUT_OF_MEMORY</c>.</summary>
    public string Status { get; }
}
