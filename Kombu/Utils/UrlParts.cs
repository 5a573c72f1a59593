using System.Collections.ObjectModel;
using System.Text;

namespace Kombu.Utils;

/// <summary>The components of a Kombu connection URL, as returned by <see cref="Urls.Parse(string)"/>.</summary>
/// <remarks>
/// Kombu's <c>kombu.utils.url.urlparts</c> combined with the <c>ssl</c> handling of <c>parse_url</c>.
/// Equality compares <see cref="Query"/> and <see cref="Ssl"/> by content; <see cref="ToString"/> never shows the password.
/// </remarks>
public sealed record UrlParts
{
    internal static readonly IReadOnlyDictionary<string, string> EmptyQuery =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.Ordinal));

    internal static readonly IReadOnlyDictionary<string, object> EmptySsl =
        new ReadOnlyDictionary<string, object>(new Dictionary<string, object>(StringComparer.Ordinal));

    /// <summary>Gets the transport name (the URL scheme, or the text before the first <c>+</c>).</summary>
    public string? Transport { get; init; }

    /// <summary>Gets the percent-decoded host name, or the verbatim remainder for <c>transport+rest</c> URLs.</summary>
    public string? Hostname { get; init; }

    /// <summary>Gets the port, or <see langword="null"/> when the URL has none.</summary>
    public int? Port { get; init; }

    /// <summary>Gets the percent-decoded user name, or <see langword="null"/> when absent or empty.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the percent-decoded password, or <see langword="null"/> when absent or empty.</summary>
    public string? Password { get; init; }

    /// <summary>Gets the virtual host: the path minus exactly one leading <c>/</c>, percent-decoded; null when empty.</summary>
    public string? VirtualHost { get; init; }

    /// <summary>Gets the query parameters that do not start with <c>ssl_</c> (last value wins, percent-decoded).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = EmptyQuery;

    /// <summary>Gets the <c>ssl_*</c> query parameters with the prefix removed.</summary>
    /// <remarks>
    /// <c>check_hostname</c> is a <see cref="bool"/>; <c>cert_reqs</c> is one of <c>CERT_REQUIRED</c>,
    /// <c>CERT_OPTIONAL</c> or <c>CERT_NONE</c>; every other value is a <see cref="string"/>. Kombu keeps the
    /// <c>ssl_</c> prefix on these keys; the port drops it.
    /// </remarks>
    public IReadOnlyDictionary<string, object> Ssl { get; init; } = EmptySsl;

    /// <summary>Determines whether another instance has the same components, comparing maps by content.</summary>
    /// <param name="other">The instance to compare with.</param>
    /// <returns><see langword="true"/> when every component is equal.</returns>
    public bool Equals(UrlParts? other) =>
        other is not null
        && Transport == other.Transport
        && Hostname == other.Hostname
        && Port == other.Port
        && UserId == other.UserId
        && Password == other.Password
        && VirtualHost == other.VirtualHost
        && SameContent(Query, other.Query)
        && SameContent(Ssl, other.Ssl);

    /// <summary>Returns a hash code consistent with <see cref="Equals(UrlParts?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() =>
        HashCode.Combine(Transport, Hostname, Port, UserId, Password, VirtualHost, Query.Count, Ssl.Count);

    /// <summary>Describes the components with the password masked.</summary>
    /// <returns>A description such as <c>UrlParts { Transport = amqp, Password = **, ... }</c>.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("UrlParts { ");
        text.Append("Transport = ").Append(Transport)
            .Append(", Hostname = ").Append(Hostname is null ? null : Urls.MaybeSanitize(Hostname))
            .Append(", Port = ").Append(Port)
            .Append(", UserId = ").Append(UserId)
            .Append(", Password = ").Append(Password is null ? null : "**")
            .Append(", VirtualHost = ").Append(VirtualHost)
            .Append(", Query = {").AppendJoin(", ", Query.Select(p => $"{p.Key}={p.Value}"))
            .Append("}, Ssl = {").AppendJoin(", ", Ssl.Select(p => $"{p.Key}={p.Value}"))
            .Append("} }");
        return text.ToString();
    }

    private static bool SameContent<TValue>(IReadOnlyDictionary<string, TValue> left, IReadOnlyDictionary<string, TValue> right) =>
        left.Count == right.Count
        && left.All(pair => right.TryGetValue(pair.Key, out var value) && Equals(pair.Value, value));
}
