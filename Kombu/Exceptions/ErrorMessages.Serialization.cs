using System.Globalization;

namespace Kombu.Exceptions;

/// <summary>Error texts of the serialization and compression registries and of Kombu JSON.</summary>
internal static partial class ErrorMessages
{
    public static string NoEncoderInstalled(string name, string known) =>
        $"No encoder installed for '{name}' (known serializers: {known})";

    public static string NoEncoderDecoderInstalled(string name, string known) =>
        $"No encoder/decoder installed for '{name}' (known serializers: {known})";

    public static string ContentDisallowed(string why, string name, string contentType) =>
        $"Refusing to deserialize {why} content of type {name} ({contentType})";

    public static string EncodeFailed(string serializer, object? data, Exception ex) =>
        $"Could not serialize {TypeName(data)} with the '{serializer}' serializer: {ex.Message}";

    public static string DecodeFailed(string contentType, int length, Exception ex) =>
        $"Could not deserialize a {length}-byte body of type {contentType}: {ex.Message}";

    public static string TextDecodeFailed(string encoding, int length, Exception ex) =>
        $"Could not decode a {length}-byte body as '{encoding}' text: {ex.Message}";

    public static string UnknownTextEncoding(string encoding) =>
        $"Unknown content encoding '{encoding}'";

    public static string RawNeedsBytesOrText(object? data) =>
        $"The 'raw' serializer needs a byte array or a string, not {TypeName(data)}";

    public static string InvalidContentTypeName(string value) =>
        $"'{value}' is neither a registered serializer name nor a content type";

    public const string JsonTrailingData = "Extra data after the JSON value";

    public const string JsonEmpty = "Expecting a JSON value, found nothing";

    public static string JsonInvalid(Exception ex) => $"Invalid JSON: {ex.Message}";

    public static string JsonUnsupportedType(string marker) =>
        $"Unsupported __type__ '{marker}' in a Kombu JSON object";

    public static string JsonInvalidTypedValue(string marker, object? value) =>
        $"Invalid __value__ for __type__ '{marker}': {Describe(value)}";

    public static string JsonDecimalOutOfRange(string value) =>
        $"The decimal '{value}' does not fit in System.Decimal";

    public static string JsonUnsupportedKey(object key) =>
        $"JSON object keys must be string, integer, float, bool or null, not {key.GetType().Name}";

    public static string JsonUnsupportedValue(object value) =>
        $"Object of type {value.GetType().Name} is not JSON serializable";

    public static string JsonBytesKombu52(int length) =>
        $"Kombu 5.2's JSON cannot hold bytes (a {length}-byte value; Python raises TypeError): " +
        "send them as base64 text, or write JSON at JsonCompatibility.Kombu53";

    public static string JsonTooDeep(int limit) =>
        $"Values nested more than {limit} levels deep (is there a circular reference?)";

    public static string JsonUnexpectedToken(object token) => $"Unexpected JSON token {token}";

    public static string JsonMarkerReserved(string marker) =>
        $"The __type__ marker '{marker}' is built in and cannot be registered again";

    public static string UnknownCompression(string method, string known) =>
        $"No compression method registered for '{method}' (known: {known})";

    public static string CompressFailed(string method, Exception ex) =>
        $"Could not compress the message body with '{method}': {ex.Message}";

    public static string DecompressedTooLarge(string method, long limit) =>
        $"Decompressing with '{method}' would exceed the limit of {limit.ToString(CultureInfo.InvariantCulture)} bytes " +
        "(Compressors.MaxDecompressedSize)";

    public static string PickleInvalid(string why) => $"Invalid or unsupported pickle: {why}";

    public static string PickleRefused(string global, string opcode) =>
        $"Refusing to unpickle {global} ({opcode}): only plain data and datetime, decimal and uuid values are allowed";

    public static string PickleUnsupportedValue(object value) =>
        $"Object of type {value.GetType().Name} cannot be pickled as plain data";

    public static string PickleUnsupportedProtocol(int protocol) =>
        $"Pickle protocol {protocol.ToString(CultureInfo.InvariantCulture)} is not supported for writing (use 2 or 4)";

    public static string YamlInvalid(string why) => $"Invalid or unsupported YAML: {why}";

    public static string MsgPackInvalid(string why) => $"Invalid or unsupported MessagePack: {why}";

    public static string UnsupportedValue(string format, object value) =>
        $"Object of type {value.GetType().Name} cannot be serialized as {format}";

    public static string TooDeep(string format, int limit) =>
        $"{format} values nested more than {limit.ToString(CultureInfo.InvariantCulture)} levels deep (is there a circular reference?)";

    private static string TypeName(object? value) => value is null ? "null" : value.GetType().Name;

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        _ => value.GetType().Name,
    };
}
