using System.Text;
using Kombu.Exceptions;

namespace Kombu.Serialization;

/// <content>Serializing, deserializing and accept lists.</content>
public sealed partial class SerializerRegistry
{
    /// <summary>Key under which a failed body is kept in <see cref="Exception.Data"/> of the exceptions this registry throws.</summary>
    public const string BodyDataKey = "Kombu.Body";

    /// <summary>Serializes a value into body bytes with their content type and encoding.</summary>
    /// <remarks>
    /// <c>raw</c> passes bytes through (text as UTF-8). With no serializer named, bytes go out as
    /// <c>application/data</c>/<c>binary</c>, text as <c>text/plain</c>/<c>utf-8</c>, and anything else with
    /// <see cref="DefaultSerializer"/>.
    /// </remarks>
    /// <param name="data">The value to serialize.</param>
    /// <param name="serializer">The serializer name, or <see langword="null"/> to choose by the value's type.</param>
    /// <returns>The body with its content type and encoding.</returns>
    /// <exception cref="SerializerNotInstalledException">No serializer has that name.</exception>
    /// <exception cref="EncodeException">The serializer failed.</exception>
    public EncodedBody Dumps(object? data, string? serializer = null)
    {
        if (serializer == "raw")
            return RawEncode(data);
        if (serializer is null)
        {
            switch (data)
            {
                case byte[] bytes: return new EncodedBody(ContentTypes.Data, "binary", bytes);
                case string text: return new EncodedBody(ContentTypes.PlainText, "utf-8", Encoding.UTF8.GetBytes(text));
            }
        }
        SerializerCodec? codec;
        string name;
        lock (_lock)
        {
            name = serializer ?? _defaultSerializer;
            if (!_encoders.TryGetValue(name, out codec))
                throw new SerializerNotInstalledException(ErrorMessages.NoEncoderInstalled(name, KnownNames()));
        }
        try
        {
            return new EncodedBody(codec.ContentType, codec.ContentEncoding, codec.Encoder(data));
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or EncodeException))
        {
            throw new EncodeException(ErrorMessages.EncodeFailed(name, data, ex), ex);
        }
    }

    /// <summary>Deserializes body bytes according to their content type and encoding.</summary>
    /// <param name="data">The body bytes.</param>
    /// <param name="contentType">The MIME type; <see langword="null"/> or empty means <c>application/data</c>.</param>
    /// <param name="contentEncoding">The character set; <see langword="null"/> means <c>utf-8</c>.</param>
    /// <param name="accept">Content types the consumer accepts, or <see langword="null"/> to refuse only the disabled ones.</param>
    /// <param name="force">With no accept list, decode even a disabled content type (as Kombu, it does not bypass an accept list).</param>
    /// <returns>The decoder's result; with no decoder, the text (or, for <c>binary</c>, the bytes themselves).</returns>
    /// <exception cref="ContentDisallowedException">The content type is not accepted, or is disabled.</exception>
    /// <exception cref="DecodeException">The decoder failed, or the text encoding is unknown or does not fit the bytes.</exception>
    public object? Loads(byte[] data, string? contentType, string? contentEncoding,
        IReadOnlySet<string>? accept = null, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        contentType = string.IsNullOrEmpty(contentType) ? ContentTypes.Data : contentType;
        Func<byte[], object?>? decoder;
        lock (_lock)
        {
            EnsureAcceptedLocked(contentType, accept, force);
            _decoders.TryGetValue(contentType, out decoder);
        }
        var encoding = (contentEncoding ?? "utf-8").ToLowerInvariant();
        if (data.Length == 0)
            return data;
        if (decoder is not null)
            return RunDecoder(decoder, data, contentType);
        if (encoding is "binary" or "ascii-8bit")
            return data;
        return DecodeText(data, encoding);
    }

    /// <summary>Raises <see cref="ContentDisallowedException"/> unless <see cref="Loads"/> would decode <paramref name="contentType"/>.</summary>
    internal void EnsureAccepted(string contentType, IReadOnlySet<string>? accept)
    {
        lock (_lock)
            EnsureAcceptedLocked(contentType, accept, force: false);
    }

    private void EnsureAcceptedLocked(string contentType, IReadOnlySet<string>? accept, bool force)
    {
        if (accept is not null)
        {
            if (!TrustedContentTypes.Contains(contentType) && !accept.Contains(contentType))
                throw Disallowed(contentType, "untrusted");
        }
        else if (!force && _disabled.Contains(contentType))
        {
            throw Disallowed(contentType, "disabled");
        }
    }

    /// <summary>Turns an accept list of names and content types into a set of content types.</summary>
    /// <param name="contentTypes">Names (<c>json</c>) and content types (<c>application/json</c>), or <see langword="null"/>.</param>
    /// <returns>The set of content types, or <see langword="null"/> when given <see langword="null"/>.</returns>
    /// <exception cref="SerializerNotInstalledException">A name that is not registered.</exception>
    public IReadOnlySet<string>? PrepareAcceptContent(IEnumerable<string>? contentTypes)
    {
        if (contentTypes is null)
            return null;
        var result = new HashSet<string>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var item in contentTypes)
                result.Add(ResolveContentType(item));
        }
        return result;
    }

    private static EncodedBody RawEncode(object? data) => data switch
    {
        byte[] bytes => new EncodedBody(ContentTypes.Data, "binary", bytes),
        string text => new EncodedBody(ContentTypes.Data, "utf-8", Encoding.UTF8.GetBytes(text)),
        ReadOnlyMemory<byte> memory => new EncodedBody(ContentTypes.Data, "binary", memory.ToArray()),
        _ => throw new EncodeException(ErrorMessages.RawNeedsBytesOrText(data)),
    };

    private static object? RunDecoder(Func<byte[], object?> decoder, byte[] data, string contentType)
    {
        try
        {
            return decoder(data);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var error = new DecodeException(ErrorMessages.DecodeFailed(contentType, data.Length, ex), ex);
            error.Data[BodyDataKey] = data;
            throw error;
        }
    }

    private static string DecodeText(byte[] data, string encoding)
    {
        string? text;
        try
        {
            text = TextCodecs.Decode(data, encoding);
        }
        catch (Exception ex) when (ex is DecoderFallbackException or ArgumentException)
        {
            var error = new DecodeException(ErrorMessages.TextDecodeFailed(encoding, data.Length, ex), ex);
            error.Data[BodyDataKey] = data;
            throw error;
        }
        if (text is null)
        {
            var error = new DecodeException(ErrorMessages.UnknownTextEncoding(encoding));
            error.Data[BodyDataKey] = data;
            throw error;
        }
        return text;
    }

    private ContentDisallowedException Disallowed(string contentType, string why) =>
        new(ErrorMessages.ContentDisallowed(why, _typeToName.GetValueOrDefault(contentType) ?? contentType, contentType));
}
