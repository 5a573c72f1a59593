using System.Security.Cryptography;

namespace Kombu.Utils;

/// <summary>Generates the unique identifiers Kombu puts in messages.</summary>
/// <remarks>Kombu's <c>kombu.utils.uuid</c> module.</remarks>
public static class Uuids
{
    private const int BufferSize = 16 * 256;

    // Cryptographically random bytes fetched 4 KiB at a time per thread: one system call per 256 UUIDs.
    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_offset;

    /// <summary>Returns a new random (version 4) UUID as a 36-character lower-case hyphenated string.</summary>
    /// <returns>A UUID such as <c>1b4e28ba-2fa1-41d2-883f-0016d3cca427</c>.</returns>
    /// <remarks>Kombu's <c>uuid()</c>.</remarks>
    public static string New()
    {
        var buffer = t_random;
        var offset = t_offset;
        if (buffer is null || offset + 16 > BufferSize)
        {
            buffer = t_random ??= new byte[BufferSize];
            RandomNumberGenerator.Fill(buffer);
            offset = 0;
        }
        t_offset = offset + 16;
        Span<byte> bytes = stackalloc byte[16];
        buffer.AsSpan(offset, 16).CopyTo(bytes);
        // Guid's byte layout keeps the version in the high nibble of byte 7 and the variant in the top bits of byte 8.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }
}
