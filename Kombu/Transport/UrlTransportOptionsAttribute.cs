namespace Kombu.Transport;

/// <summary>Names the transport options a transport also reads from its connection URL's query string.</summary>
/// <remarks>
/// Not in Kombu, which refuses such query keys. The connection copies each named key of the query string into
/// <see cref="Connection.TransportOptions"/> as text, unless the transport options given to it already set that key.
/// Subclasses of the transport read the same names.
/// </remarks>
/// <param name="names">The option names.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class UrlTransportOptionsAttribute(params string[] names) : Attribute
{
    /// <summary>The option names.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}
