namespace Kombu.Serialization;

/// <summary>Module-level serialization functions over the one default <see cref="SerializerRegistry"/>.</summary>
/// <remarks>Python's <c>kombu.serialization</c> module functions (<c>dumps</c>, <c>loads</c>, <c>register</c>…).</remarks>
public static class Serializers
{
    /// <summary>The process-wide registry: <c>json</c> registered and the default, insecure types disabled.</summary>
    public static SerializerRegistry Registry { get; } = SerializerRegistry.CreateDefault();

    /// <inheritdoc cref="SerializerRegistry.Dumps"/>
    public static EncodedBody Dumps(object? data, string? serializer = null) => Registry.Dumps(data, serializer);

    /// <inheritdoc cref="SerializerRegistry.Loads"/>
    public static object? Loads(byte[] data, string? contentType, string? contentEncoding,
        IReadOnlySet<string>? accept = null, bool force = false) =>
        Registry.Loads(data, contentType, contentEncoding, accept, force);

    /// <inheritdoc cref="SerializerRegistry.PrepareAcceptContent"/>
    public static IReadOnlySet<string>? PrepareAcceptContent(IEnumerable<string>? contentTypes) =>
        Registry.PrepareAcceptContent(contentTypes);

    /// <inheritdoc cref="SerializerRegistry.Register"/>
    public static void Register(string name, Func<object?, byte[]>? encoder, Func<byte[], object?>? decoder,
        string contentType, string contentEncoding = "utf-8") =>
        Registry.Register(name, encoder, decoder, contentType, contentEncoding);

    /// <inheritdoc cref="SerializerRegistry.Unregister"/>
    public static void Unregister(string name) => Registry.Unregister(name);

    /// <inheritdoc cref="SerializerRegistry.Enable"/>
    public static void Enable(string nameOrContentType) => Registry.Enable(nameOrContentType);

    /// <inheritdoc cref="SerializerRegistry.Disable"/>
    public static void Disable(string nameOrContentType) => Registry.Disable(nameOrContentType);

    /// <inheritdoc cref="SerializerRegistry.EnableInsecureSerializers"/>
    public static void EnableInsecureSerializers(IEnumerable<string>? choices = null) =>
        Registry.EnableInsecureSerializers(choices);

    /// <inheritdoc cref="SerializerRegistry.DisableInsecureSerializers"/>
    public static void DisableInsecureSerializers(IEnumerable<string>? allowed = null) =>
        Registry.DisableInsecureSerializers(allowed);
}
