namespace Kombu.Transport;

/// <summary>Marks a transport that parses its whole connection URL itself, such as MongoDB.</summary>
/// <remarks>Kombu's <c>Transport.can_parse_url</c>: the connection then passes the URL through as the host name.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ParsesOwnUrlAttribute : Attribute;
