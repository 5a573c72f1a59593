using Kombu.Compression;
using Kombu.Exceptions;
using Microsoft.Extensions.Logging;

namespace Kombu.Serialization;

/// <summary>Turns a body into the bytes a message carries and back: serialize then compress, decompress then deserialize.</summary>
/// <remarks>
/// The one place of Kombu's <c>Producer._prepare</c> (with <c>compression.compress</c>) and of the receiving side,
/// <c>Message.__init__</c> (with <c>compression.decompress</c>) and <c>Message.decode</c>; <see cref="Producer"/> and
/// <see cref="Message"/> both go through it.
/// </remarks>
internal static class MessageCodec
{
    /// <summary>Serializes a body (unless it comes with its content type) and compresses it when asked.</summary>
    /// <param name="body">The body.</param>
    /// <param name="serializer">The serializer, or <see langword="null"/> to choose by body type.</param>
    /// <param name="contentType">A content type the body already has (a string or byte array sent as is).</param>
    /// <param name="contentEncoding">The body's character set, with <paramref name="contentType"/>.</param>
    /// <param name="compression">The compression method, or <see langword="null"/>.</param>
    /// <param name="headers">The message headers; a compressed body adds <c>compression</c>.</param>
    /// <param name="logger">Where a stored (uncompressed) xz body is reported.</param>
    /// <returns>The bytes to send with their content type and encoding.</returns>
    public static (byte[] Body, string? ContentType, string? ContentEncoding) Encode(object? body, string? serializer,
        string? contentType, string? contentEncoding, string? compression, ref Dictionary<string, object?>? headers,
        ILogger logger)
    {
        byte[] data;
        if (string.IsNullOrEmpty(contentType))
        {
            var encoded = Serializers.Dumps(body, serializer);
            (contentType, contentEncoding, data) = (encoded.ContentType, encoded.ContentEncoding, encoded.Data);
        }
        else if (body is string text)
        {
            contentEncoding ??= "utf-8";
            data = System.Text.Encoding.GetEncoding(contentEncoding).GetBytes(text);
        }
        else
        {
            contentEncoding ??= "binary";
            data = body as byte[] ?? throw new ArgumentException(
                "With an explicit content type the body must be a byte array or a string: it is sent as is.", nameof(body));
        }
        if (!string.IsNullOrEmpty(compression))
        {
            var (compressed, compressionType) = Compressors.Compress(data, compression);
            CompressionLog.WarnIfStored(logger, compressionType, LibLzma.IsAvailable);
            data = compressed;
            (headers ??= new(StringComparer.Ordinal))["compression"] = compressionType;
        }
        return (data, contentType, contentEncoding);
    }

    /// <summary>Decompresses a received body whose headers name a <c>compression</c> method.</summary>
    /// <param name="body">The body as it arrived.</param>
    /// <param name="headers">The message headers, or <see langword="null"/>.</param>
    /// <param name="error">Why the body could not be decompressed, or <see langword="null"/>.</param>
    /// <returns>The decompressed body; the body itself when it is not compressed or cannot be decompressed.</returns>
    public static byte[] Decompress(byte[] body, IDictionary<string, object?>? headers, out KombuException? error)
    {
        error = null;
        if (headers is null || !headers.TryGetValue("compression", out var compression) || compression is not string method)
            return body;
        try
        {
            return Compressors.Decompress(body, method);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = ex as KombuException ?? new DecodeException(ErrorMessages.DecompressFailed(method, ex), ex);
            return body;
        }
    }

    /// <summary>Deserializes a (decompressed) body according to its content type, honouring the accepted types.</summary>
    /// <param name="body">The body.</param>
    /// <param name="contentType">Its MIME type.</param>
    /// <param name="contentEncoding">Its character set.</param>
    /// <param name="accept">The accepted content types, or <see langword="null"/> for the registry's defaults.</param>
    /// <returns>The body as plain .NET values.</returns>
    public static object? Decode(byte[] body, string? contentType, string? contentEncoding, IReadOnlySet<string>? accept) =>
        Serializers.Loads(body, contentType, contentEncoding, accept);
}
