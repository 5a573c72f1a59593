using System.Buffers;
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
    public static byte[] Decompress(byte[] body)
    {
        using var decoder = new BrotliDecoder();
        var limit = Compressors.MaxDecompressedSize;
        using var output = new MemoryStream(Math.Min(body.Length * 4, 1 << 20));
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var source = body.AsSpan();
            while (true)
            {
                var status = decoder.Decompress(source, chunk, out var consumed, out var written);
                source = source[consumed..];
                if (output.Length + written > limit)
                    throw new Exceptions.DecodeException(Exceptions.ErrorMessages.DecompressedTooLarge("brotli", limit));
                output.Write(chunk, 0, written);
                switch (status)
                {
                    case OperationStatus.Done: return output.ToArray();
                    case OperationStatus.DestinationTooSmall: continue;
                    case OperationStatus.NeedMoreData: throw new InvalidDataException("incomplete or truncated brotli stream");
                    default: throw new InvalidDataException("invalid brotli stream");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
