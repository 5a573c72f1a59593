using ZstdSharp;

namespace Kombu.Compression;

/// <summary>The <c>zstd</c> method: one Zstandard frame with its content size, as python-zstandard's <c>ZstdCompressor().compress</c> writes (level 3).</summary>
internal static class ZstdCodec
{
    private const int Level = 3;
    private const ulong Unknown = ulong.MaxValue;
    private const uint Magic = 0xFD2FB528;
    private const int MinFrameSize = 9; // magic, frame header descriptor and one block header at the least

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
        if (body.Length < MinFrameSize)
            throw new InvalidDataException("incomplete or truncated zstd frame");
        var limit = Compressors.MaxDecompressedSize;
        var declared = DeclaredSize(body);
        if (declared > (ulong)limit && declared != Unknown)
            throw new Exceptions.DecodeException(Exceptions.ErrorMessages.DecompressedTooLarge("zstd", limit));
        var output = BoundedReader.ReadAll(() => new DecompressionStream(new MemoryStream(body, writable: false)),
            limit, "zstd", (long)Math.Min(declared, (ulong)limit));
        if (declared != Unknown && (ulong)output.LongLength != declared)
            throw new InvalidDataException("incomplete or truncated zstd frame");
        return output;
    }

    /// <summary>The content size the first frame's header declares (RFC 8878 §3.1.1.1), or <see cref="Unknown"/>.</summary>
    private static ulong DeclaredSize(ReadOnlySpan<byte> frame)
    {
        if (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(frame) != Magic)
            return Unknown;
        var descriptor = frame[4];
        var singleSegment = (descriptor & 0x20) != 0;
        var position = 5 + (singleSegment ? 0 : 1) + (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var size = (descriptor >> 6) switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        if (size == 0 || frame.Length < position + size)
            return Unknown;
        var field = frame.Slice(position, size);
        return size switch
        {
            1 => field[0],
            2 => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(field) + 256UL,
            4 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(field),
            _ => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(field),
        };
    }
}
