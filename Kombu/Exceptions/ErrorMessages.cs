using System.Globalization;

namespace Kombu.Exceptions;

/// <summary>Builds the text of every error message Kombu raises, in one place.</summary>
internal static class ErrorMessages
{
    public const string NoReceivingChannel = "This message does not have a receiving channel";

    public static string AlreadyAcknowledged(MessageState state) =>
        $"Message already acknowledged with state: {StateName(state)}";

    public static string DecompressFailed(string method, Exception ex) =>
        $"Could not decompress the message body with '{method}': {ex.Message}";

    public static string ConvertFailed(Type type, Exception ex) =>
        $"Could not convert the decoded message body to {type.Name}: {ex.Message}";

    public static string NotBound(object entity, string operation) =>
        $"Can't call {operation} on {entity} not bound to a channel";

    public static string MessageNacked(string exchange, string routingKey) =>
        $"The broker refused (basic.nack) the message published to exchange '{exchange}' with routing key '{routingKey}'";

    public static string PublishTimedOut(string exchange, string routingKey, TimeSpan timeout) =>
        $"Publishing to exchange '{exchange}' with routing key '{routingKey}' did not complete within " +
        $"{timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s (no publisher confirm from the broker)";

    public static string StateName(MessageState state) => state switch
    {
        MessageState.Ack => "ACK",
        MessageState.Rejected => "REJECTED",
        MessageState.Requeued => "REQUEUED",
        _ => "RECEIVED",
    };

    public static string NoSuchTransport(string transport, string? suggestion) => suggestion is null
        ? $"No such transport: {transport}. Known transports: {string.Join(", ", Transport.Transports.Aliases.Keys.Order(StringComparer.Ordinal))}."
        : $"No such transport: {transport}.  Did you mean {suggestion}?";

    public static string TransportPackageMissing(string alias, string package) =>
        $"The '{alias}' transport needs the {package} package, which is not installed: add it with 'dotnet add package {package}'.";

    public static string TransportTypeNotFound(string typeName) =>
        $"Transport type '{typeName}' could not be loaded: check the type name and that its assembly is referenced.";

    public static string NotATransport(string typeName) =>
        $"'{typeName}' is not a Kombu transport: it must derive from Kombu.Transport.BrokerTransport.";

    public static string UnknownUrlOption(string key, string url) =>
        $"Unknown connection option '{key}' in URL {url}: only connection arguments (hostname, userid, password, virtual_host, " +
        "port, insist, ssl, transport, connect_timeout, login_method, heartbeat) and the transport option confirm_publish may " +
        "be given in the query; pass other transport options in code.";

    public static string InvalidUrlOption(string key, string value, string url) =>
        $"Invalid value '{value}' for connection option '{key}' in URL {url}.";

    public static string ConnectionClosed => "The connection is closed: create a new one or clone this one.";

    public static string NoCallbacks => "Consumer does not have any callbacks: register one with RegisterCallback or pass callbacks.";

    public static string UnknownQueue(string queue) => $"Consumer is not consuming from queue '{queue}'.";

    public static string NotAnEnvelope(string why) => $"Not a Kombu message envelope: {why}.";

    public static string InvalidEnvelope(string queue, string keptIn, Exception? why) =>
        $"An entry of queue '{queue}' is not a message envelope and was moved to '{keptIn}'" +
        (why is null ? "." : $": {why.Message}");

    // Error texts raised by <c>Kombu.Pidbox</c>, <c>Kombu.Mixins</c> and <c>Kombu.Common</c>.
    public const string MailboxNotBound = "The mailbox is not bound to a connection: call Bind(connection) first.";

    public static string PidboxUnknownMethod(string method) => $"No pidbox handler named '{method}'.";

    public static string PidboxUnknownMatcher(string matcher) =>
        $"No node matcher named '{matcher}': use 'glob' or 'pcre'.";

    public static string EntryOptionType(string key, string expected) =>
        $"The queue option '{key}' must be {expected}.";

    public static string PoolLimitExceeded(int limit) =>
        $"The pool is exhausted: all {limit} resources are in use. Release one, acquire with block: true, or raise the limit.";

    public static string PoolLimitTimedOut(int limit, TimeSpan timeout) =>
        $"No resource was released within {Duration(timeout)} while all {limit} resources of the pool were in use.";

    /// <summary>A duration in the largest unit that keeps it above 1 (s, ms or µs), so 0.01 ms is not printed as 0 s.</summary>
    internal static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        >= 1 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s"),
        >= 0.001 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0.###} ms"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalMicroseconds:0.###} µs"),
    };

    public static string CannotShrinkInUse(int? current, int requested) =>
        $"Can't shrink the pool while it is in use: limit was {current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"}, now {requested}. Pass force: true to close every resource.";

    public const string NegativeLimit = "A pool limit cannot be negative (use 0 or null for no limit).";

    public const string SimpleQueueEmpty = "The queue is empty: no message arrived in time.";

    public const string ProducerReleased = "This pooled producer was released: acquire a new one from the pool.";

    // Error texts of the serialization and compression registries and of Kombu JSON.
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

    // Error texts raised by <c>Kombu.Utils</c>: URL parsing, retries and rate limiting.
    public const string UrlMissingSeparator = "Not a URL: expected 'transport://...' (no '://' found).";

    public const string UrlMissingScheme = "Not a URL: the transport name before '://' is missing.";

    public const string TokenBucketEmpty = "The token bucket has no pending items.";

    public static string UrlInvalidScheme(string safeUrl) =>
        $"Invalid transport name in URL '{safeUrl}': it must start with a letter and contain only letters, digits, '+', '-' or '.'.";

    public static string UrlInvalidPort(string safeUrl, string port) =>
        $"Port could not be cast to integer value as '{port}' in URL '{safeUrl}'.";

    public static string UrlPortOutOfRange(string safeUrl, string port) =>
        $"Port out of range 0-65535 ('{port}') in URL '{safeUrl}'.";

    public static string UrlIPv6NotSupported(string safeUrl) =>
        $"IPv6 address literals are not supported in URL '{safeUrl}'.";

    public static string UrlInvalidCertReqs(string safeUrl, string value) =>
        $"Invalid ssl_cert_reqs value '{value}' in URL '{safeUrl}': use CERT_REQUIRED, CERT_OPTIONAL, CERT_NONE, required, optional or none.";

    public static string NotFiniteOrNegative(double value) =>
        string.Create(CultureInfo.InvariantCulture, $"The value must be a finite number that is zero or more, not {value}.");

    // Error texts of the virtual transports (AMQP emulation).
    public const string ChannelClosed = "Channel is closed";

    public const string DrainTimedOut = "timed out";

    public const string RecoverWithoutRequeue = "Does not support recover(requeue=False)";

    public const string FlowNotSupported = "virtual channels do not support flow.";

    public const string ExchangeBindNotSupported = "virtual channels do not support exchange-to-exchange bindings.";

    public static string NoQueue(string queue, string vhost) =>
        $"NOT_FOUND - no queue '{queue}' in vhost '{vhost}'";

    public static string NoExchange(string exchange, string vhost) =>
        $"NOT_FOUND - no exchange '{exchange}' in vhost '{vhost}'";

    public static string ExchangeNotEquivalent(string exchange, string vhost) =>
        $"PRECONDITION_FAILED - Cannot redeclare exchange '{exchange}' in vhost '{vhost}' with different type, " +
        "durable, autodelete or arguments value";

    public static string UnknownExchangeType(string type) =>
        $"COMMAND_INVALID - unknown exchange type '{type}'";

    public static string InvalidSecondsOption(string name, object? value) =>
        $"Transport option '{name}' must be a number of seconds or a TimeSpan, got '{value}'";
}
