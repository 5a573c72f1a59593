namespace Kombu.Exceptions;

internal static partial class ErrorMessages
{
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
}
