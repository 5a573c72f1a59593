using ZstdSharp;

namespace Kombu.Compression;

/// <summary>The <c>zstd</c> method: one Zstandard frame with its content size, as python-zstandard's <c>ZstdCompressor().compress</c> writes (level 3).</summary>
internal static class ZstdCodec
{
    private const int Level = 3;

    /// <summary>Compresses into a single frame that records the content size (python-zstandard refuses frames without it).</summary>
    public static byte[] Compress(byte[] body)
    {
        using var compressor = new Compressor(Level);
        compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_contentSizeFlag, 1);
        return compressor.Wrap(body).ToArray();
    }

    /// <summary>Decompresses Zstandard frames within <see cref="Compressors.MaxDecompressedSize"/>.</summary>
    public static byte[] Decompress(byte[] body)
    {
        var limit = Compressors.MaxDecompressedSize;
        ulong declared;
        try
        {
            declared = Decompressor.GetDecompressedSize(body);
        }
        catch (ZstdException ex)
        {
            throw new InvalidDataException($"invalid zstd frame: {ex.Message}", ex);
        }
        if (declared > (ulong)limit && declared < ulong.MaxValue - 1)
            throw new Exceptions.DecodeException(Exceptions.ErrorMessages.DecompressedTooLarge("zstd", limit));
        using var input = new MemoryStream(body, writable: false);
        using var zstd = new DecompressionStream(input);
        var output = BoundedReader.ReadAll(zstd, limit, "zstd", (long)Math.Min(declared, (ulong)limit));
        if (declared < ulong.MaxValue - 1 && (ulong)output.LongLength != declared)
            throw new InvalidDataException("incomplete or truncated zstd frame");
        return output;
    }
}
