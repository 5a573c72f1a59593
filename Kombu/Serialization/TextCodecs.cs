using System.Collections.Concurrent;
using System.Text;

namespace Kombu.Serialization;

/// <summary>Finds strict .NET text encodings by their Python codec names (<c>utf-8</c>, <c>latin-1</c>, <c>cp1252</c>…).</summary>
internal static class TextCodecs
{
    private static readonly ConcurrentDictionary<string, Encoding> Found = new(StringComparer.Ordinal);

    /// <summary>Decodes bytes strictly, as Python's <c>bytes.decode(encoding)</c> does.</summary>
    /// <returns>The text, or <see langword="null"/> when no codec has that name.</returns>
    /// <exception cref="DecoderFallbackException">The bytes are invalid in that encoding.</exception>
    public static string? Decode(byte[] data, string encoding)
    {
        var name = encoding.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        var span = data.AsSpan();
        switch (name)
        {
            case "utf-16" or "utf16":
                var bigEndian16 = span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
                if (bigEndian16 || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
                    span = span[2..];
                return Find(bigEndian16 ? "utf-16-be" : "utf-16-le")!.GetString(span);
            case "utf-32" or "utf32":
                var bigEndian32 = span.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]);
                if (bigEndian32 || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
                    span = span[4..];
                return Find(bigEndian32 ? "utf-32-be" : "utf-32-le")!.GetString(span);
            default:
                return Find(name)?.GetString(span);
        }
    }

    private static Encoding? Find(string name)
    {
        if (Found.TryGetValue(name, out var cached))
            return cached;
        var encoding = Create(name);
        if (encoding is not null)
            Found.TryAdd(name, encoding);
        return encoding;
    }

    private static Encoding? Create(string name)
    {
        var exception = DecoderFallback.ExceptionFallback;
        switch (name)
        {
            case "utf-8" or "utf8" or "u8" or "utf" or "cp65001":
                return new UTF8Encoding(false, true);
            case "utf-16-le" or "utf-16le":
                return new UnicodeEncoding(false, false, true);
            case "utf-16-be" or "utf-16be":
                return new UnicodeEncoding(true, false, true);
            case "utf-32-le" or "utf-32le":
                return new UTF32Encoding(false, false, true);
            case "utf-32-be" or "utf-32be":
                return new UTF32Encoding(true, false, true);
            case "ascii" or "us-ascii" or "646":
                return Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, exception);
            case "latin-1" or "latin1" or "l1" or "iso-8859-1" or "iso8859-1" or "8859" or "cp819":
                return Encoding.GetEncoding("iso-8859-1", EncoderFallback.ExceptionFallback, exception);
        }
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name, EncoderFallback.ExceptionFallback, exception)
                ?? Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, exception);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
