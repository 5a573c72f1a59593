namespace Kombu.Compression;

/// <summary>A registered compression method: its content type, its aliases and its two directions.</summary>
/// <param name="ContentType">The header value, such as <c>application/x-gzip</c>.</param>
/// <param name="Aliases">The other names it is known by, such as <c>zlib</c> and <c>gzip</c>.</param>
/// <param name="Encoder">Compresses a body.</param>
/// <param name="Decoder">Decompresses a body.</param>
internal sealed record CompressionCodec(string ContentType, string[] Aliases, Func<byte[], byte[]> Encoder, Func<byte[], byte[]> Decoder);
