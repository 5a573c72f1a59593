using Kombu.Exceptions;

namespace Kombu.Compression;

/// <summary>The compression methods known by content type and alias, and the functions that apply them.</summary>
/// <remarks>
/// Python's <c>kombu.compression</c> module. Registered at startup, in Kombu's order: <c>zlib</c>/<c>gzip</c>
/// (<c>application/x-gzip</c>, a zlib stream), <c>bzip2</c>/<c>bzip</c> (<c>application/x-bz2</c>), <c>brotli</c>
/// (<c>application/x-brotli</c>), <c>lzma</c>/<c>xz</c> (<c>application/x-lzma</c>, an .xz container) and
/// <c>zstd</c>/<c>zstandard</c> (<c>application/zstd</c>). All members are thread-safe.
/// </remarks>
public static class Compressors
{
    /// <summary>Content type of the <c>zlib</c> method (despite the name, a zlib stream, not gzip).</summary>
    public const string Zlib = "application/x-gzip";

    /// <summary>Content type of the <c>bzip2</c> method.</summary>
    public const string Bzip2 = "application/x-bz2";

    /// <summary>Content type of the <c>lzma</c>/<c>xz</c> method (an .xz container).</summary>
    public const string Lzma = "application/x-lzma";

    /// <summary>Content type of the <c>brotli</c> method.</summary>
    public const string Brotli = "application/x-brotli";

    /// <summary>Content type of the <c>zstd</c>/<c>zstandard</c> method (a frame with its content size).</summary>
    public const string Zstd = "application/zstd";

    private static readonly Lock Sync = new();
    private static readonly Dictionary<string, CompressionCodec> Codecs = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal);
    private static readonly List<string> Order = [];
    private static long s_maxDecompressedSize = 256L * 1024 * 1024;

    static Compressors()
    {
        Register(ZlibCodec.Compress, ZlibCodec.Decompress, Zlib, "zlib", "gzip");
        Register(Bzip2Codec.Compress, Bzip2Codec.Decompress, Bzip2, "bzip2", "bzip");
        Register(BrotliCodec.Compress, BrotliCodec.Decompress, Brotli, "brotli");
        Register(XzCodec.Compress, XzCodec.Decompress, Lzma, "lzma", "xz");
        Register(ZstdCodec.Compress, ZstdCodec.Decompress, Zstd, "zstd", "zstandard");
    }

    /// <summary>The most bytes a built-in method may produce when decompressing one body (256 MiB at first).</summary>
    /// <remarks>Guards against compression bombs; a body that would decompress to more fails with <see cref="DecodeException"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive (setter).</exception>
    public static long MaxDecompressedSize
    {
        get => Interlocked.Read(ref s_maxDecompressedSize);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Interlocked.Exchange(ref s_maxDecompressedSize, value);
        }
    }

    /// <summary>Registers (or replaces) a compression method under its content type and aliases.</summary>
    /// <param name="encoder">Compresses a body.</param>
    /// <param name="decoder">Decompresses a body; it should honour <see cref="MaxDecompressedSize"/>.</param>
    /// <param name="contentType">The header value, such as <c>application/x-gzip</c>.</param>
    /// <param name="aliases">Other names for the method, such as <c>zlib</c>.</param>
    public static void Register(Func<byte[], byte[]> encoder, Func<byte[], byte[]> decoder, string contentType,
        params string[] aliases)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentNullException.ThrowIfNull(aliases);
        lock (Sync)
        {
            if (!Codecs.ContainsKey(contentType))
                Order.Add(contentType);
            Codecs[contentType] = new CompressionCodec(contentType, [.. aliases], encoder, decoder);
            foreach (var alias in aliases)
                Aliases[alias] = contentType;
        }
    }

    /// <summary>Removes a compression method and the aliases that point to it.</summary>
    /// <param name="contentType">The method's content type or one of its aliases.</param>
    /// <returns>Whether a method was removed.</returns>
    public static bool Unregister(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        lock (Sync)
        {
            var key = Aliases.GetValueOrDefault(contentType) ?? contentType;
            if (!Codecs.Remove(key, out var codec))
                return false;
            Order.Remove(key);
            foreach (var alias in codec.Aliases)
            {
                if (Aliases.GetValueOrDefault(alias) == key)
                    Aliases.Remove(alias);
            }
            return true;
        }
    }

    /// <summary>Lists the content types of the registered methods, in registration order.</summary>
    /// <returns>The content types.</returns>
    public static IReadOnlyList<string> Encoders()
    {
        lock (Sync)
            return [.. Order];
    }

    /// <summary>Finds the compressor for an alias or content type.</summary>
    /// <param name="method">An alias (<c>zlib</c>) or content type (<c>application/x-gzip</c>).</param>
    /// <returns>The compressor and the content type to put in the <c>compression</c> header.</returns>
    /// <exception cref="SerializerNotInstalledException">No method has that name.</exception>
    public static (Func<byte[], byte[]> Encoder, string ContentType) GetEncoder(string method)
    {
        var codec = Find(method);
        return (codec.Encoder, codec.ContentType);
    }

    /// <summary>Finds the decompressor for an alias or content type.</summary>
    /// <param name="method">An alias (<c>gzip</c>) or content type (<c>application/x-gzip</c>).</param>
    /// <returns>The decompressor.</returns>
    /// <exception cref="SerializerNotInstalledException">No method has that name.</exception>
    public static Func<byte[], byte[]> GetDecoder(string method) => Find(method).Decoder;

    /// <summary>Compresses a body.</summary>
    /// <param name="body">The serialized body.</param>
    /// <param name="method">An alias (<c>zlib</c>, <c>bzip2</c>) or content type.</param>
    /// <returns>The compressed body and the content type for the <c>compression</c> header.</returns>
    /// <exception cref="SerializerNotInstalledException">No method has that name.</exception>
    /// <exception cref="EncodeException">The compressor failed.</exception>
    public static (byte[] Body, string ContentType) Compress(byte[] body, string method)
    {
        ArgumentNullException.ThrowIfNull(body);
        var codec = Find(method);
        try
        {
            return (codec.Encoder(body), codec.ContentType);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or KombuException))
        {
            throw new EncodeException(ErrorMessages.CompressFailed(method, ex), ex);
        }
    }

    /// <summary>Decompresses a body.</summary>
    /// <param name="body">The compressed body.</param>
    /// <param name="contentType">The <c>compression</c> header value, or an alias.</param>
    /// <returns>The decompressed body.</returns>
    /// <exception cref="SerializerNotInstalledException">No method has that name.</exception>
    /// <exception cref="DecodeException">The body is malformed or would exceed <see cref="MaxDecompressedSize"/>.</exception>
    public static byte[] Decompress(byte[] body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        var codec = Find(contentType);
        byte[] result;
        try
        {
            result = codec.Decoder(body);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or KombuException))
        {
            throw new DecodeException(ErrorMessages.DecompressFailed(contentType, ex), ex);
        }
        var limit = MaxDecompressedSize;
        return result.LongLength <= limit
            ? result
            : throw new DecodeException(ErrorMessages.DecompressedTooLarge(contentType, limit));
    }

    private static CompressionCodec Find(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        lock (Sync)
        {
            var key = Aliases.GetValueOrDefault(method) ?? method;
            if (Codecs.TryGetValue(key, out var codec))
                return codec;
            throw new SerializerNotInstalledException(ErrorMessages.UnknownCompression(method, KnownNames()));
        }
    }

    private static string KnownNames()
    {
        var parts = new List<string>(Order.Count);
        foreach (var contentType in Order)
        {
            var aliases = Codecs[contentType].Aliases;
            parts.Add(aliases.Length == 0 ? contentType : $"{contentType} ({string.Join(", ", aliases)})");
        }
        return string.Join(", ", parts);
    }
}
