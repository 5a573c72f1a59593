using System.Security.Cryptography;

namespace Kombu.Transport.CouchDb;

/// <summary>Makes message document ids: 32 lowercase hex characters, like Kombu's <c>uuid4().hex</c>, but time-ordered.</summary>
/// <remarks>
/// CouchDB returns the rows of one view key in document-id order, so Kombu's random ids served a queue in random order.
/// These ids start with the Unix time in milliseconds (12 hex digits) and a per-process sequence (4 hex digits), then
/// 16 random hex digits: a queue is first-in first-out for each producing process, and roughly so across processes.
/// </remarks>
internal static class CouchDbDocumentIds
{
    private static readonly Lock s_lock = new();
    private static long s_lastMilliseconds;
    private static int s_sequence;

    /// <summary>A new id, greater than every id this process made before.</summary>
    public static string Next()
    {
        long milliseconds;
        int sequence;
        lock (s_lock)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (now > s_lastMilliseconds)
            {
                (s_lastMilliseconds, s_sequence) = (now, 0);
            }
            else if (++s_sequence > 0xFFFF)
            {
                (s_lastMilliseconds, s_sequence) = (s_lastMilliseconds + 1, 0);
            }
            (milliseconds, sequence) = (s_lastMilliseconds, s_sequence);
        }
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return $"{milliseconds:x12}{sequence:x4}{Convert.ToHexStringLower(random)}";
    }
}
