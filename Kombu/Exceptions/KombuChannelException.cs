namespace Kombu.Exceptions;

/// <summary>A channel-level failure (such as a missing queue); the connection is still usable.</summary>
/// <remarks>Stands for the channel errors a transport lists in <c>ChannelErrors</c>.</remarks>
public class KombuChannelException : KombuException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public KombuChannelException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public KombuChannelException(string message, Exception? innerException) : base(message, innerException) { }
}
