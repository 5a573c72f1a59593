using System.Buffers;
using Kombu.Exceptions;

namespace Kombu.Compression;

/// <summary>Reads a decompressing stream to its end without letting the output grow past a limit.</summary>
/// <remarks>
/// Output is kept in pooled 1 MiB segments (no doubling buffer) up to 16 MiB. Beyond that the reader only counts the
/// bytes: a decompression bomb over the limit costs at most those 16 MiB, and a large body within the limit is
/// decompressed a second time straight into an array of its exact size.
/// </remarks>
internal static class BoundedReader
{
    private const int SegmentSize = 1 << 20;
    private const long BufferedLimit = 16L << 20;
    private const int MinFirstSegment = 256;

    /// <summary>Reads everything <paramref name="open"/>'s stream yields, failing once more than <paramref name="limit"/> bytes come out.</summary>
    /// <param name="open">Opens the decompressing stream; called a second time for outputs over 16 MiB.</param>
    /// <param name="limit">The most bytes allowed.</param>
    /// <param name="method">The compression method, for the error message.</param>
    /// <param name="sizeHint">The expected output size, used to size the first segment.</param>
    /// <returns>The output, in an array of its exact length.</returns>
    /// <exception cref="DecodeException">The output exceeds the limit.</exception>
    public static byte[] ReadAll(Func<Stream> open, long limit, string method, long sizeHint)
    {
        limit = Math.Min(limit, Array.MaxLength);
        var segments = new List<byte[]>();
        try
        {
            long total;
            bool complete;
            using (var source = open())
                (total, complete) = ReadBuffered(source, segments, Math.Min(limit, BufferedLimit), sizeHint, limit, method);
            return complete ? Join(segments, total) : ReadExactly(open, total, method);
        }
        finally
        {
            foreach (var segment in segments)
                ArrayPool<byte>.Shared.Return(segment);
        }
    }

    /// <summary>
    /// Fills segments until the stream ends (complete) or more than <paramref name="buffered"/> bytes came; then counts
    /// the rest in the last segment's space, failing past <paramref name="limit"/>.
    /// </summary>
    private static (long Total, bool Complete) ReadBuffered(Stream source, List<byte[]> segments, long buffered,
        long sizeHint, long limit, string method)
    {
        long total = 0;
        var segment = Rent(segments, (int)Math.Clamp(sizeHint, MinFirstSegment, SegmentSize));
        var used = 0;
        while (true)
        {
            if (used == segment.Length)
            {
                if (total > buffered)
                    break;
                segment = Rent(segments, SegmentSize);
                used = 0;
            }
            var read = source.Read(segment, used, segment.Length - used);
            if (read == 0)
                return (total, true);
            used += read;
            total += read;
            if (total > limit)
                throw new DecodeException(ErrorMessages.DecompressedTooLarge(method, limit));
        }
        int counted;
        while ((counted = source.Read(segment, 0, segment.Length)) > 0)
        {
            total += counted;
            if (total > limit)
                throw new DecodeException(ErrorMessages.DecompressedTooLarge(method, limit));
        }
        return (total, false);
    }

    private static byte[] Rent(List<byte[]> segments, int size)
    {
        var segment = ArrayPool<byte>.Shared.Rent(size);
        segments.Add(segment);
        return segment;
    }

    /// <summary>Copies the filled segments (all full but the last) into one array of <paramref name="total"/> bytes.</summary>
    private static byte[] Join(List<byte[]> segments, long total)
    {
        var output = GC.AllocateUninitializedArray<byte>((int)total);
        var offset = 0;
        foreach (var segment in segments)
        {
            var count = Math.Min(segment.Length, output.Length - offset);
            segment.AsSpan(0, count).CopyTo(output.AsSpan(offset));
            offset += count;
        }
        return output;
    }

    /// <summary>Decompresses again straight into an array of the size the first pass counted.</summary>
    private static byte[] ReadExactly(Func<Stream> open, long total, string method)
    {
        var output = GC.AllocateUninitializedArray<byte>((int)total);
        using var source = open();
        var read = source.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
        Span<byte> extra = stackalloc byte[1];
        if (read != output.Length || source.Read(extra) != 0)
            throw new InvalidDataException($"the {method} stream decompressed differently the second time");
        return output;
    }
}
