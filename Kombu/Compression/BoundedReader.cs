using Kombu.Exceptions;

namespace Kombu.Compression;

/// <summary>Reads a decompressing stream to its end without letting the output grow past a limit.</summary>
internal static class BoundedReader
{
    private const int ChunkSize = 81920;

    /// <summary>Reads everything from <paramref name="source"/>, failing once more than <paramref name="limit"/> bytes come out.</summary>
    /// <exception cref="DecodeException">The output exceeds the limit.</exception>
    public static byte[] ReadAll(Stream source, long limit, string method, long sizeHint)
    {
        var capacity = (int)Math.Min(Math.Min(limit, Array.MaxLength), Math.Max(sizeHint, 256L));
        using var output = new MemoryStream(capacity);
        var chunk = new byte[ChunkSize];
        long total = 0;
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            total += read;
            if (total > limit)
                throw new DecodeException(ErrorMessages.DecompressedTooLarge(method, limit));
            output.Write(chunk, 0, read);
        }
        return output.ToArray();
    }
}
