using System.IO.Compression;

namespace Kombu.Compression;

/// <summary>The <c>zlib</c> method: a zlib stream (RFC 1950) at the default level, which Kombu labels <c>application/x-gzip</c>.</summary>
internal static class ZlibCodec
{
    private const string TruncatedMessage = "incomplete or truncated zlib stream";

    /// <summary>Compresses like Python's <c>zlib.compress(data)</c>.</summary>
    public static byte[] Compress(byte[] body)
    {
        // ZLibStream writes nothing at all for empty input, which zlib.decompress rejects; Python writes this stream.
        if (body.Length == 0)
            return [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        using var output = new MemoryStream(body.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(body);
        return output.ToArray();
    }

    /// <summary>Decompresses like Python's <c>zlib.decompress(data)</c>, within <see cref="Compressors.MaxDecompressedSize"/>.</summary>
    public static byte[] Decompress(byte[] body)
    {
        var output = BoundedReader.ReadAll(
            () => new ZLibStream(new MemoryStream(body, writable: false), CompressionMode.Decompress),
            Compressors.MaxDecompressedSize, "zlib", body.Length * 4L);
        // ZLibStream stops quietly at the end of a truncated stream; Python's zlib.decompress refuses it.
        return Adler32.HasTrailer(body, output) ? output : throw new InvalidDataException(TruncatedMessage);
    }
}
