using ICSharpCode.SharpZipLib.BZip2;

namespace Kombu.Compression;

/// <summary>The <c>bzip2</c> method: a bzip2 stream with 900 kB blocks, as Python's <c>bz2.compress</c> writes.</summary>
internal static class Bzip2Codec
{
    private const int BlockSize = 9;

    /// <summary>Compresses like Python's <c>bz2.compress(data)</c>.</summary>
    public static byte[] Compress(byte[] body)
    {
        using var output = new MemoryStream(body.Length / 2 + 64);
        using (var bzip2 = new BZip2OutputStream(output, BlockSize) { IsStreamOwner = false })
            bzip2.Write(body);
        return output.ToArray();
    }

    /// <summary>Decompresses like Python's <c>bz2.decompress(data)</c>, within <see cref="Compressors.MaxDecompressedSize"/>.</summary>
    public static byte[] Decompress(byte[] body)
    {
        return BoundedReader.ReadAll(() => new BZip2InputStream(new MemoryStream(body, writable: false)),
            Compressors.MaxDecompressedSize, "bzip2", body.Length * 4L);
    }
}
