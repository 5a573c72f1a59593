using System.IO.Compression;

namespace Kombu.Compression;

/// <summary>The <c>brotli</c> method: a raw Brotli stream, as PyPI <c>brotli.compress</c> writes (quality 11, window 22).</summary>
internal static class BrotliCodec
{
    private const int Quality = 11;
    private const int Window = 22;

    /// <summary>Compresses like Python's <c>brotli.compress(data)</c>.</summary>
    public static byte[] Compress(byte[] body)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        return BrotliEncoder.TryCompress(body, output, out var written, Quality, Window)
            ? output[..written]
            : throw new InvalidOperationException("Brotli compression failed");
    }

    /// <summary>Decompresses like Python's <c>brotli.decompress(data)</c>, within <see cref="Compressors.MaxDecompressedSize"/>.</summary>
    public static byte[] Decompress(byte[] body) =>
        BoundedReader.ReadAll(() => new BrotliReadStream(body), Compressors.MaxDecompressedSize, "brotli", body.Length * 4L);
}
