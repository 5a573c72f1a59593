using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kombu.Exceptions;

namespace Kombu.Serialization;

/// <summary>System.Text.Json for .NET types: what <c>Message.Decode&lt;T&gt;</c> and <c>Producer.Publish&lt;T&gt;</c> share.</summary>
internal static class TypedJson
{
    /// <summary>Options used when none are given: web defaults, so <c>{"name": …}</c> fills a property <c>Name</c>.</summary>
    public static JsonSerializerOptions DecodeOptions { get; } = new(JsonSerializerDefaults.Web);

    // Writes Kombu's decoded values (dictionaries, lists, dates…) back to JSON for a body that is not UTF-8 JSON.
    private static readonly JsonSerializerOptions PlainOptions = new(JsonSerializerDefaults.General);

    /// <summary>The type information of <typeparamref name="T"/> under <paramref name="options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // As JsonSerializer does on first use: options without a resolver get the reflection-based one, then lock.
        if (!options.IsReadOnly)
            options.MakeReadOnly(populateMissingResolver: true);
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    /// <summary>Whether Kombu's own decoded value is what a caller asking for <typeparamref name="T"/> wants.</summary>
    public static bool WantsPlainValue<T>() => PlainValue<T>.Wanted;

    /// <summary>Whether the body is JSON that System.Text.Json can read as it is.</summary>
    public static bool IsUtf8Json(string? contentType, string? contentEncoding) =>
        contentType == ContentTypes.Json && (contentEncoding is null || contentEncoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || contentEncoding.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    /// <summary>Kombu's decoded value as UTF-8 JSON, to be read again into a .NET type.</summary>
    public static byte[] FromPlainValue(object value) => JsonSerializer.SerializeToUtf8Bytes(value, PlainOptions);

    /// <summary>Serializes <paramref name="body"/> for a <c>application/json</c> message.</summary>
    /// <exception cref="EncodeException">System.Text.Json cannot serialize it.</exception>
    public static byte[] Serialize<T>(T body, JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(body, jsonTypeInfo);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new EncodeException(ErrorMessages.EncodeFailed("json", body, ex), ex);
        }
    }

    private static class PlainValue<T>
    {
        public static readonly bool Wanted = typeof(T).IsAssignableFrom(typeof(Dictionary<string, object?>))
            || typeof(T).IsAssignableFrom(typeof(List<object?>));
    }
}
