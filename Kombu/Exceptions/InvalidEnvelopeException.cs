namespace Kombu.Exceptions;

/// <summary>A stored entry of a virtual transport's queue is not a message envelope; the store kept it aside.</summary>
/// <remarks>
/// Not in Kombu, whose consumers stop on such an entry. A store raises it from its get hook after moving the entry
/// out of the queue (<see cref="KeptIn"/>); the channel hands the consumer a message carrying this error, so the
/// consumer's decode-error handler sees it and consuming goes on.
/// </remarks>
public sealed class InvalidEnvelopeException : DecodeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="queue">The queue the entry was taken from.</param>
    /// <param name="entry">The entry as stored.</param>
    /// <param name="keptIn">Where the store kept the entry, such as a list key.</param>
    /// <param name="innerException">Why the entry is not an envelope.</param>
    public InvalidEnvelopeException(string queue, byte[] entry, string keptIn, Exception? innerException)
        : base(ErrorMessages.InvalidEnvelope(queue, keptIn, innerException), innerException)
    {
        Queue = queue;
        Entry = entry;
        KeptIn = keptIn;
    }

    /// <summary>The queue the entry was taken from.</summary>
    public string Queue { get; }

    /// <summary>The entry as it was stored.</summary>
    public byte[] Entry { get; }

    /// <summary>Where the store kept the entry (for Redis, the <c>{queue}.undeliverable</c> list).</summary>
    public string KeptIn { get; }
}
