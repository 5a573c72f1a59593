using System.Buffers.Binary;

namespace Kombu.Compression;

/// <summary>The Adler-32 checksum that ends every zlib stream (RFC 1950).</summary>
internal static class Adler32
{
    private const uint Modulus = 65521;
    private const int MaxBlock = 5552; // the most bytes summed before the 32-bit sums could overflow

    /// <summary>Computes the checksum of some bytes.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        while (data.Length > 0)
        {
            var block = data[..Math.Min(data.Length, MaxBlock)];
            foreach (var x in block)
            {
                a += x;
                b += a;
            }
            a %= Modulus;
            b %= Modulus;
            data = data[block.Length..];
        }
        return (b << 16) | a;
    }

    /// <summary>Whether a zlib stream carries the trailer for the given output (trailing bytes after it are allowed, as in Python).</summary>
    public static bool HasTrailer(ReadOnlySpan<byte> stream, ReadOnlySpan<byte> output)
    {
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, Compute(output));
        return stream.Length >= 6 && (stream.EndsWith(trailer) || stream[2..].IndexOf(trailer) >= 0);
    }
}
