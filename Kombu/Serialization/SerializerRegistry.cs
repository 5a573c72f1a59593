using System.Collections.Frozen;
using System.Text;
using Kombu.Exceptions;

namespace Kombu.Serialization;

/// <summary>The serializers known by name and content type, and which content types may be decoded.</summary>
/// <remarks>Python's <c>kombu.serialization.SerializerRegistry</c>. All members are thread-safe.</remarks>
public sealed class SerializerRegistry
{
    /// <summary>Key under which a failed body is kept in <see cref="Exception.Data"/> of the exceptions this registry throws.</summary>
    public const string BodyDataKey = "Kombu.Body";

    private static readonly string[] InsecureByDefault = ["pickle", "yaml", "msgpack"];
    private static readonly string[] AllowedByDefault = ["json"];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SerializerCodec> _encoders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<byte[], object?>> _decoders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeToName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameToType = new(StringComparer.Ordinal);
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);
    private string _defaultSerializer = "json";
    private volatile JsonCompatibility _jsonCompatibility;

    /// <summary>Content types every consumer accepts whatever its accept list: <c>application/data</c> and <c>application/text</c>.</summary>
    public static IReadOnlySet<string> TrustedContentTypes { get; } =
        new[] { ContentTypes.Data, ContentTypes.Text }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Creates a registry set up as Kombu's at startup: <c>json</c> (the default), <c>pickle</c>, <c>yaml</c> and <c>msgpack</c>, with all but <c>json</c> disabled.</summary>
    /// <remarks>Disabled types decode only for consumers whose accept list names them (or with <c>force</c>).</remarks>
    /// <returns>The new registry.</returns>
    public static SerializerRegistry CreateDefault()
    {
        var registry = new SerializerRegistry();
        registry.Register("json", value => KombuJson.SerializeToUtf8Bytes(value, registry.JsonCompatibility),
            static data => KombuJson.Deserialize(data), ContentTypes.Json);
        registry.Register("pickle", static v => PythonPickle.Serialize(v), PythonPickle.Deserialize, ContentTypes.Pickle, "binary");
        registry.Register("yaml", KombuYaml.Serialize, KombuYaml.Deserialize, ContentTypes.Yaml);
        registry.Register("msgpack", KombuMsgPack.Serialize, KombuMsgPack.Deserialize, ContentTypes.MsgPack, "binary");
        registry.DefaultSerializer = "json";
        registry.Disable(ContentTypes.Pickle);
        registry.Disable(ContentTypes.Yaml);
        registry.Disable(ContentTypes.MsgPack);
        registry.DisableInsecureSerializers();
        return registry;
    }

    /// <summary>The serializer <see cref="Dumps"/> uses when none is named (<c>json</c> at first).</summary>
    /// <exception cref="SerializerNotInstalledException">The name has no registered encoder (setter).</exception>
    public string DefaultSerializer
    {
        get
        {
            lock (_lock)
                return _defaultSerializer;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
            {
                if (!_encoders.ContainsKey(value))
                    throw new SerializerNotInstalledException(ErrorMessages.NoEncoderInstalled(value, KnownNames()));
                _defaultSerializer = value;
            }
        }
    }

    /// <summary>Whose JSON encoder this registry's <c>json</c> serializer writes like (Kombu 5.3's, by default).</summary>
    /// <remarks>
    /// Set <see cref="JsonCompatibility.Kombu52"/> when Kombu 5.2 or Celery 5.2 (or older) peers read what is sent:
    /// they read Kombu 5.3's <c>__type__</c> markers as dictionaries. On <see cref="Serializers.Registry"/> it also
    /// governs the header and property values virtual transports store in each message's JSON envelope, as the one
    /// installed Kombu does for a whole Python process. A <c>json</c> serializer registered over the default one
    /// ignores it.
    /// </remarks>
    public JsonCompatibility JsonCompatibility
    {
        get => _jsonCompatibility;
        set => _jsonCompatibility = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>A snapshot of the content type to serializer name table.</summary>
    public IReadOnlyDictionary<string, string> TypeToName
    {
        get
        {
            lock (_lock)
                return new Dictionary<string, string>(_typeToName, StringComparer.Ordinal);
        }
    }

    /// <summary>A snapshot of the serializer name to content type table.</summary>
    public IReadOnlyDictionary<string, string> NameToType
    {
        get
        {
            lock (_lock)
                return new Dictionary<string, string>(_nameToType, StringComparer.Ordinal);
        }
    }

    /// <summary>A snapshot of the content types refused when a consumer gives no accept list.</summary>
    public IReadOnlySet<string> DisabledContentTypes
    {
        get
        {
            lock (_lock)
                return new HashSet<string>(_disabled, StringComparer.Ordinal);
        }
    }

    /// <summary>Registers (or replaces) a serializer under a name and a content type.</summary>
    /// <param name="name">The alias, such as <c>json</c>.</param>
    /// <param name="encoder">Turns a value into body bytes, or <see langword="null"/> for a decode-only serializer.</param>
    /// <param name="decoder">Turns body bytes into a value, or <see langword="null"/> for an encode-only serializer.</param>
    /// <param name="contentType">The MIME type, such as <c>application/json</c>.</param>
    /// <param name="contentEncoding">The character set of encoded bodies, or <c>binary</c>.</param>
    public void Register(string name, Func<object?, byte[]>? encoder, Func<byte[], object?>? decoder,
        string contentType, string contentEncoding = "utf-8")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentNullException.ThrowIfNull(contentEncoding);
        lock (_lock)
        {
            if (encoder is not null)
                _encoders[name] = new SerializerCodec(contentType, contentEncoding, encoder);
            if (decoder is not null)
                _decoders[contentType] = decoder;
            _typeToName[contentType] = name;
            _nameToType[name] = contentType;
        }
    }

    /// <summary>Removes a serializer's encoder, decoder and name.</summary>
    /// <param name="name">The alias the serializer was registered under.</param>
    /// <exception cref="SerializerNotInstalledException">No serializer has that name.</exception>
    public void Unregister(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            if (!_nameToType.Remove(name, out var contentType))
                throw new SerializerNotInstalledException(ErrorMessages.NoEncoderDecoderInstalled(name, KnownNames()));
            _decoders.Remove(contentType);
            _encoders.Remove(name);
            _typeToName.Remove(contentType);
        }
    }

    /// <summary>Allows a content type to be decoded by consumers that give no accept list.</summary>
    /// <param name="nameOrContentType">A serializer name (<c>yaml</c>) or a content type (contains <c>/</c>).</param>
    /// <exception cref="SerializerNotInstalledException">A name that is not registered.</exception>
    public void Enable(string nameOrContentType)
    {
        lock (_lock)
            _disabled.Remove(ResolveContentType(nameOrContentType));
    }

    /// <summary>Refuses a content type to consumers that give no accept list.</summary>
    /// <param name="nameOrContentType">A serializer name (<c>pickle</c>) or a content type (contains <c>/</c>).</param>
    /// <exception cref="SerializerNotInstalledException">A name that is not registered.</exception>
    public void Disable(string nameOrContentType)
    {
        lock (_lock)
            _disabled.Add(ResolveContentType(nameOrContentType));
    }

    /// <summary>Enables serializers that can run code or build arbitrary objects; names that are not registered are skipped.</summary>
    /// <param name="choices">The names to enable; <see langword="null"/> means <c>pickle</c>, <c>yaml</c> and <c>msgpack</c>.</param>
    public void EnableInsecureSerializers(IEnumerable<string>? choices = null)
    {
        lock (_lock)
        {
            foreach (var choice in choices ?? InsecureByDefault)
            {
                if (TryResolveContentType(choice, out var contentType))
                    _disabled.Remove(contentType);
            }
        }
    }

    /// <summary>Disables every registered decoder except the allowed ones.</summary>
    /// <param name="allowed">Names or content types to keep enabled; <see langword="null"/> means <c>json</c> only.</param>
    /// <exception cref="SerializerNotInstalledException">An allowed name that is not registered.</exception>
    public void DisableInsecureSerializers(IEnumerable<string>? allowed = null)
    {
        lock (_lock)
        {
            foreach (var contentType in _decoders.Keys)
                _disabled.Add(contentType);
            foreach (var name in allowed ?? AllowedByDefault)
                _disabled.Remove(ResolveContentType(name));
        }
    }

    private string ResolveContentType(string nameOrContentType) =>
        TryResolveContentType(nameOrContentType, out var contentType)
            ? contentType
            : throw new SerializerNotInstalledException(ErrorMessages.NoEncoderDecoderInstalled(nameOrContentType, KnownNames()));

    private bool TryResolveContentType(string nameOrContentType, out string contentType)
    {
        ArgumentNullException.ThrowIfNull(nameOrContentType);
        if (nameOrContentType.Contains('/', StringComparison.Ordinal))
        {
            contentType = nameOrContentType;
            return true;
        }
        return _nameToType.TryGetValue(nameOrContentType, out contentType!);
    }

    private string KnownNames()
    {
        var names = new List<string>(_nameToType.Keys) { "raw" };
        names.Sort(StringComparer.Ordinal);
        return string.Join(", ", names);
    }

    // Serializing, deserializing and accept lists.
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
