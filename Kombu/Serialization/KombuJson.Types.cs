using Kombu.Exceptions;
using Newtonsoft.Json;

namespace Kombu.Serialization;

/// <content>Application-registered types.</content>
public static partial class KombuJson
{
    private static readonly string[] BuiltInMarkers = ["datetime", "date", "time", "decimal", "uuid", "bytes", "base64"];
    private static readonly Lock TypesLock = new();
    private static JsonTypeCodec[] s_codecs = [];
    private static Dictionary<string, Func<object?, object?>> s_decoders = new(StringComparer.Ordinal);

    /// <summary>Teaches Kombu JSON to write (and read back) an application type.</summary>
    /// <remarks>
    /// Python's <c>kombu.utils.json.register_type</c>. Built-in types are checked first; registering a type again
    /// replaces it. With a <see langword="null"/> marker the encoder's result is written in place, with no envelope.
    /// </remarks>
    /// <typeparam name="T">The type to write; derived types match too.</typeparam>
    /// <param name="marker">The <c>__type__</c> marker, or <see langword="null"/> for no envelope.</param>
    /// <param name="encoder">Turns an instance into a value Kombu JSON can already write.</param>
    /// <param name="decoder">Turns a decoded <c>__value__</c> back into an instance, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The marker is one of the built-in ones.</exception>
    public static void RegisterType<T>(string? marker, Func<T, object?> encoder, Func<object?, object?>? decoder = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (marker is not null && Array.IndexOf(BuiltInMarkers, marker) >= 0)
            throw new ArgumentException(ErrorMessages.JsonMarkerReserved(marker), nameof(marker));
        var codec = new JsonTypeCodec(typeof(T), marker, o => encoder((T)o), decoder);
        lock (TypesLock)
        {
            var codecs = new List<JsonTypeCodec>(s_codecs);
            var index = codecs.FindIndex(c => c.Type == typeof(T));
            if (index >= 0)
                codecs[index] = codec;
            else
                codecs.Add(codec);
            var decoders = new Dictionary<string, Func<object?, object?>>(s_decoders, StringComparer.Ordinal);
            if (marker is not null && decoder is not null)
                decoders[marker] = decoder;
            s_codecs = [.. codecs];
            s_decoders = decoders;
        }
    }

    private static bool TryWriteRegistered(JsonWriter w, object value, JsonWriteState state)
    {
        foreach (var codec in Volatile.Read(ref s_codecs))
        {
            if (!codec.Type.IsInstanceOfType(value))
                continue;
            var encoded = codec.Encoder(value);
            // Kombu 5.2 has no markers: it writes what an object's __json__ returns, as is.
            if (codec.Marker is null || state.Plain)
            {
                Write(w, encoded, Deeper(state));
                return true;
            }
            w.WriteStartObject();
            w.WritePropertyName("__type__");
            w.WriteValue(codec.Marker);
            w.WritePropertyName("__value__");
            Write(w, encoded, Deeper(state));
            w.WriteEndObject();
            return true;
        }
        return false;
    }

    private static bool TryDecodeRegistered(string marker, object? value, out object? result)
    {
        if (Volatile.Read(ref s_decoders).TryGetValue(marker, out var decoder))
        {
            result = decoder(value);
            return true;
        }
        result = null;
        return false;
    }
}
