using SharpCompress.Compressors.Xz;

namespace Kombu.Compression;

/// <summary>The <c>lzma</c> method: an .xz container (not legacy .lzma), as Python's <c>lzma.compress</c> writes.</summary>
/// <remarks>
/// Compression uses the system's liblzma when it can be loaded (preset 6, CRC64 check: the same bytes as Python); otherwise
/// a valid .xz stream of stored (uncompressed) LZMA2 chunks that every xz reader accepts. Decompression is managed.
/// </remarks>
internal static class XzCodec
{
    /// <summary>Compresses like Python's <c>lzma.compress(data)</c>.</summary>
    public static byte[] Compress(byte[] body) => LibLzma.IsAvailable ? LibLzma.Compress(body) : XzStoredWriter.Write(body);

    /// <summary>Decompresses an .xz stream within <see cref="Compressors.MaxDecompressedSize"/>.</summary>
    public static byte[] Decompress(byte[] body)
    {
        return BoundedReader.ReadAll(() => new XZStream(new MemoryStream(body, writable: false)),
            Compressors.MaxDecompressedSize, "lzma", body.Length * 4L);
    }
}
