namespace Kombu.Serialization;

/// <summary>The content types Kombu's serializers use on the wire.</summary>
public static class ContentTypes
{
    /// <summary>Kombu JSON (<c>json</c>).</summary>
    public const string Json = "application/json";

    /// <summary>Raw bytes (the <c>raw</c> pseudo-serializer, or bytes sent with no serializer); always trusted.</summary>
    public const string Data = "application/data";

    /// <summary>Raw text; always trusted.</summary>
    public const string Text = "application/text";

    /// <summary>Text sent with no serializer (not trusted by accept lists).</summary>
    public const string PlainText = "text/plain";

    /// <summary>YAML (<c>yaml</c>); disabled by default.</summary>
    public const string Yaml = "application/x-yaml";

    /// <summary>MessagePack (<c>msgpack</c>); disabled by default.</summary>
    public const string MsgPack = "application/x-msgpack";

    /// <summary>Python pickle (<c>pickle</c>); disabled by default; decoded to plain data only (<see cref="PythonPickle"/>).</summary>
    public const string Pickle = "application/x-python-serialize";
}
