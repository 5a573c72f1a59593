using System.Buffers;
using System.Globalization;
using System.Text;
using Kombu.Exceptions;
using Newtonsoft.Json;

namespace Kombu.Serialization;

/// <summary>Kombu 5 JSON: Python-compatible JSON with the <c>{"__type__": …, "__value__": …}</c> type extensions.</summary>
/// <remarks>
/// Python's <c>kombu.utils.json</c>. Output is ASCII only and writes <c>NaN</c>/<c>Infinity</c> as bare tokens;
/// decoded values are plain .NET values (<see cref="Dictionary{TKey,TValue}"/> of string to object,
/// <see cref="List{T}"/> of object, <see cref="long"/> or <see cref="System.Numerics.BigInteger"/>,
/// <see cref="double"/>, <see cref="string"/>, <see cref="bool"/>, <see langword="null"/>) plus
/// <see cref="DateTime"/>, <see cref="DateTimeOffset"/>, <see cref="DateOnly"/>, <see cref="TimeOnly"/>,
/// <see cref="decimal"/>, <see cref="Guid"/> and byte arrays for the typed objects. A Python time of day with an
/// offset decodes to its <see cref="TimeOnly"/> wall-clock time; the offset is dropped.
/// </remarks>
public static partial class KombuJson
{
    private const int MaxReaderDepth = 512;

    [ThreadStatic]
    private static StringBuilder? t_text;

    [ThreadStatic]
    private static ByteBufferTextWriter? t_bytes;

    [ThreadStatic]
    private static PooledCharReader? t_chars;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Serializes a value to Kombu JSON text.</summary>
    /// <param name="value">The value: dictionaries, sequences, primitives, dates, GUIDs, bytes, JSON tokens or plain objects.</param>
    /// <returns>The JSON text, ASCII only.</returns>
    /// <exception cref="EncodeException">The value (or a dictionary key inside it) cannot be represented.</exception>
    public static string Serialize(object? value) => Serialize(value, JsonCompatibility.Kombu53);

    /// <summary>Serializes a value to JSON text as the given Kombu version's encoder writes it.</summary>
    /// <param name="value">The value, as for <see cref="Serialize(object?)"/>.</param>
    /// <param name="compatibility">Whose encoder to write like: Kombu 5.3's markers or Kombu 5.2's plain text.</param>
    /// <returns>The JSON text, ASCII only.</returns>
    /// <exception cref="EncodeException">The value cannot be represented at that level.</exception>
    public static string Serialize(object? value, JsonCompatibility compatibility)
    {
        var text = t_text ?? new StringBuilder(256);
        t_text = null;
        try
        {
            using (var output = new StringWriter(text, CultureInfo.InvariantCulture))
            using (var writer = CreateWriter(output))
                WriteValue(writer, value, compatibility);
            return text.ToString();
        }
        finally
        {
            text.Clear();
            if (text.Capacity <= 64 * 1024)
                t_text = text;
        }
    }

    /// <summary>Serializes a value to Kombu JSON as UTF-8 bytes.</summary>
    /// <param name="value">The value, as for <see cref="Serialize(object?)"/>.</param>
    /// <returns>The UTF-8 (in fact ASCII) bytes of the JSON text.</returns>
    /// <exception cref="EncodeException">The value (or a dictionary key inside it) cannot be represented.</exception>
    public static byte[] SerializeToUtf8Bytes(object? value) => SerializeToUtf8Bytes(value, JsonCompatibility.Kombu53);

    /// <summary>Serializes a value to UTF-8 JSON as the given Kombu version's encoder writes it.</summary>
    /// <param name="value">The value, as for <see cref="Serialize(object?)"/>.</param>
    /// <param name="compatibility">Whose encoder to write like: Kombu 5.3's markers or Kombu 5.2's plain text.</param>
    /// <returns>The UTF-8 (in fact ASCII) bytes of the JSON text.</returns>
    /// <exception cref="EncodeException">The value cannot be represented at that level.</exception>
    public static byte[] SerializeToUtf8Bytes(object? value, JsonCompatibility compatibility)
    {
        var output = t_bytes ?? new ByteBufferTextWriter();
        t_bytes = null;
        try
        {
            using (var writer = CreateWriter(output))
                WriteValue(writer, value, compatibility);
            return output.ToArray();
        }
        finally
        {
            output.Reset();
            if (output.IsWorthKeeping)
                t_bytes = output;
        }
    }

    /// <summary>Parses Kombu JSON text into plain .NET values.</summary>
    /// <param name="json">The JSON text; <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> are accepted.</param>
    /// <returns>The decoded value.</returns>
    /// <exception cref="DecodeException">The text is not one valid JSON value, or a typed object is invalid or unknown.</exception>
    public static object? Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var input = new StringReader(json);
        return Deserialize(input);
    }

    /// <summary>Parses Kombu JSON from UTF-8 bytes into plain .NET values.</summary>
    /// <param name="utf8">The UTF-8 bytes of the JSON text (a leading byte order mark is skipped).</param>
    /// <returns>The decoded value.</returns>
    /// <exception cref="DecodeException">The bytes are not valid UTF-8 or not one valid JSON value.</exception>
    public static object? Deserialize(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            utf8 = utf8[3..];
        // The text goes to a pooled char array read in place: no string copy of the body per message.
        var chars = ArrayPool<char>.Shared.Rent(StrictUtf8.GetMaxCharCount(utf8.Length));
        var input = t_chars ?? new PooledCharReader();
        t_chars = null;
        try
        {
            int length;
            try
            {
                length = StrictUtf8.GetChars(utf8, chars);
            }
            catch (DecoderFallbackException ex)
            {
                throw new DecodeException(ErrorMessages.JsonInvalid(ex), ex);
            }
            input.Reset(chars, length);
            return Deserialize(input);
        }
        finally
        {
            input.Reset([], 0);
            t_chars = input;
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static object? Deserialize(TextReader input)
    {
        using var reader = CreateReader(input);
        try
        {
            if (!reader.Read())
                throw new DecodeException(ErrorMessages.JsonEmpty);
            var value = ReadValue(reader);
            if (reader.Read())
                throw new DecodeException(ErrorMessages.JsonTrailingData);
            return value;
        }
        catch (JsonException ex)
        {
            throw new DecodeException(ErrorMessages.JsonInvalid(ex), ex);
        }
    }

    /// <summary>Creates a JSON writer set up as Kombu writes: ASCII only, bare <c>NaN</c>/<c>Infinity</c>, compact.</summary>
    /// <param name="output">Where the JSON text goes; it is not closed with the writer.</param>
    /// <returns>A writer to pass to <see cref="WriteValue(JsonWriter, object?)"/>.</returns>
    internal static JsonTextWriter CreateWriter(TextWriter output) => new(output)
    {
        StringEscapeHandling = StringEscapeHandling.EscapeNonAscii,
        FloatFormatHandling = FloatFormatHandling.Symbol,
        Formatting = Formatting.None,
        ArrayPool = JsonCharPool.Instance,
        CloseOutput = false,
    };

    /// <summary>Creates a JSON reader set up as Kombu reads: no date guessing, doubles for decimals, deep nesting allowed.</summary>
    /// <param name="input">The JSON text; it is not closed with the reader.</param>
    /// <returns>A reader to pass to <see cref="ReadValue(JsonReader)"/>.</returns>
    internal static JsonTextReader CreateReader(TextReader input) => new(input)
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        MaxDepth = MaxReaderDepth,
        ArrayPool = JsonCharPool.Instance,
        CloseInput = false,
    };
}
