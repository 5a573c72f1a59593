namespace Kombu.Exceptions;

/// <summary>The maximum number of simultaneous channels in a pool was exceeded.</summary>
/// <remarks>Kombu's <c>ChannelLimitExceeded</c>.</remarks>
public class ChannelLimitExceededException : LimitExceededException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ChannelLimitExceededException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public ChannelLimitExceededException(string message, Exception? innerException) : base(message, innerException) { }
}
