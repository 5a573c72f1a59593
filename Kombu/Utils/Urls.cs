using System.Globalization;
using System.Text;
using Kombu.Exceptions;

namespace Kombu.Utils;

/// <summary>Parses, builds and sanitizes Kombu connection URLs.</summary>
/// <remarks>Kombu's <c>kombu.utils.url</c> module (<c>url_to_parts</c>, <c>parse_url</c>, <c>as_url</c>, <c>maybe_sanitize_url</c>).</remarks>
public static class Urls
{
    private const string SchemeSeparator = "://";

    /// <summary>Determines whether a string is a URL, that is whether it contains <c>://</c>.</summary>
    /// <param name="value">The string to test.</param>
    /// <returns><see langword="true"/> when the string contains <c>://</c>.</returns>
    public static bool IsUrl(string? value) =>
        value is not null && value.Contains(SchemeSeparator, StringComparison.Ordinal);

    /// <summary>Splits a URL of the form <c>transport://[userid[:password]@]hostname[:port][/virtual_host][?query]</c> into its parts.</summary>
    /// <remarks>
    /// Everything after <c>://</c> is read with HTTP URL rules. The host, user, password and virtual host are
    /// percent-decoded, and exactly one leading <c>/</c> is removed from the path to give the virtual host.
    /// The host is lower-cased up to its first <c>%</c> and the scheme is lower-cased, as Python's <c>urlparse</c> does.
    /// When the scheme contains <c>+</c>, the text before the first <c>+</c> is the transport and the rest of the
    /// URL after that <c>+</c> is returned verbatim as <see cref="UrlParts.Hostname"/>, every other part being empty.
    /// </remarks>
    /// <param name="url">The URL to parse.</param>
    /// <returns>The parsed components.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is null.</exception>
    /// <exception cref="ArgumentException">The URL has no scheme, an invalid port, an IPv6 literal or an unknown <c>ssl_cert_reqs</c>.</exception>
    public static UrlParts Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var separator = FindSeparator(url);
        var scheme = url[..separator];
        var plus = scheme.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
            return ParseStandard(url, separator);

        var transport = scheme[..plus];
        if (!IsValidScheme(transport))
            throw new ArgumentException(ErrorMessages.UrlInvalidScheme(MaskPassword(url)), nameof(url));
        return new UrlParts { Transport = transport, Hostname = url[(plus + 1)..] };
    }

    /// <summary>Splits a <c>;</c>-separated failover list into its URLs, trimming whitespace and dropping empty entries.</summary>
    /// <param name="hostnameOrUrls">One URL or several separated by <c>;</c>.</param>
    /// <returns>The URLs in their original order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hostnameOrUrls"/> is null.</exception>
    public static IReadOnlyList<string> SplitFailover(string hostnameOrUrls)
    {
        ArgumentNullException.ThrowIfNull(hostnameOrUrls);
        return hostnameOrUrls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static int FindSeparator(string url)
    {
        var separator = url.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        if (separator < 0)
            throw new ArgumentException(ErrorMessages.UrlMissingSeparator, nameof(url));
        if (separator == 0)
            throw new ArgumentException(ErrorMessages.UrlMissingScheme, nameof(url));
        return separator;
    }

    private static bool IsValidScheme(string scheme) =>
        scheme.Length > 0
        && char.IsAsciiLetter(scheme[0])
        && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');

    // Building and sanitizing URLs.
    /// <summary>Builds <c>scheme://[user[:password]@]host[:port]/path[?query]</c> from its parts.</summary>
    /// <remarks>
    /// Kombu's <c>as_url</c>. User, password and host are percent-quoted (only letters, digits and <c>_.-~</c> stay as
    /// they are); the path is appended as given; a port of 0 is left out; the <c>/</c> after the host is always written.
    /// Unlike Kombu, a non-empty <paramref name="query"/> is appended, encoded like Python's <c>urlencode</c>.
    /// </remarks>
    /// <param name="scheme">The transport name.</param>
    /// <param name="host">The host name.</param>
    /// <param name="port">The port; null or 0 writes none.</param>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="path">The virtual host or path, written after the <c>/</c> following the host.</param>
    /// <param name="query">Query parameters.</param>
    /// <param name="sanitize">Whether to write <paramref name="mask"/> instead of the password.</param>
    /// <param name="mask">The text that replaces the password when sanitizing; empty writes only the colon.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scheme"/> or <paramref name="mask"/> is null.</exception>
    public static string AsUrl(string scheme, string? host = null, int? port = null, string? user = null,
        string? password = null, string? path = null, IReadOnlyDictionary<string, string>? query = null,
        bool sanitize = false, string mask = "**")
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(mask);
        var url = new StringBuilder(scheme).Append(SchemeSeparator);
        if (!string.IsNullOrEmpty(user) || !string.IsNullOrEmpty(password))
        {
            if (!string.IsNullOrEmpty(user))
                url.Append(PercentEncoding.Quote(user));
            if (!string.IsNullOrEmpty(password))
                url.Append(':').Append(sanitize ? mask : PercentEncoding.Quote(password));
            url.Append('@');
        }
        if (!string.IsNullOrEmpty(host))
            url.Append(PercentEncoding.Quote(host));
        if (port is { } number and not 0)
            url.Append(':').Append(number.ToString(CultureInfo.InvariantCulture));
        url.Append('/').Append(path);
        if (query is { Count: > 0 })
        {
            url.Append('?').AppendJoin('&', query.Select(pair =>
                PercentEncoding.Quote(pair.Key, spaceAsPlus: true) + "=" + PercentEncoding.Quote(pair.Value, spaceAsPlus: true)));
        }
        return url.ToString();
    }

    /// <summary>Replaces the password of a URL (or of each URL in a <c>;</c>-separated list) with a mask.</summary>
    /// <remarks>
    /// Kombu's <c>maybe_sanitize_url</c>. A string without <c>://</c> is returned unchanged. A URL is rebuilt from its
    /// parsed parts with <see cref="AsUrl"/>, so, as in Kombu, its query string is dropped and its parts come back
    /// decoded and re-quoted. A URL that cannot be parsed still has its password masked in place.
    /// </remarks>
    /// <param name="url">The URL, failover list or other string.</param>
    /// <param name="mask">The text that replaces the password.</param>
    /// <returns>The sanitized URL, or <paramref name="url"/> itself when it is not a URL.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> or <paramref name="mask"/> is null.</exception>
    public static string MaybeSanitize(string url, string mask = "**")
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(mask);
        if (!IsUrl(url))
            return url;
        return url.Contains(';', StringComparison.Ordinal)
            ? string.Join(';', url.Split(';').Select(part => IsUrl(part) ? Sanitize(part, mask) : part))
            : Sanitize(url, mask);
    }

    private static string Sanitize(string url, string mask)
    {
        try
        {
            var parts = ParseStandard(url, FindSeparator(url));
            return AsUrl(parts.Transport!, parts.Hostname, parts.Port, parts.UserId, parts.Password,
                parts.VirtualHost, sanitize: true, mask: mask);
        }
        catch (ArgumentException)
        {
            return MaskPassword(url, mask);
        }
    }

    /// <summary>Masks the password of a URL in place, without parsing or validating anything else.</summary>
    /// <param name="url">A string containing <c>://</c>, or anything else (returned unchanged).</param>
    /// <param name="mask">The text that replaces the password.</param>
    /// <returns>The URL with the text between the user's <c>:</c> and the last <c>@</c> of the authority masked.</returns>
    internal static string MaskPassword(string url, string mask = "**")
    {
        var separator = url.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        if (separator < 0)
            return url;
        var start = separator + SchemeSeparator.Length;
        var end = url.AsSpan(start).IndexOfAny('/', '?', '#');
        var netloc = end < 0 ? url[start..] : url.Substring(start, end);
        var at = netloc.LastIndexOf('@');
        var colon = at < 0 ? -1 : netloc.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon > at)
            return url;
        return string.Concat(url.AsSpan(0, start + colon + 1), mask, url.AsSpan(start + at));
    }

    // The HTTP-style splitting behind <see cref="Parse(string)"/>.
    /// <summary>Parses a URL with HTTP rules after its scheme, without the <c>transport+rest</c> rule.</summary>
    private static UrlParts ParseStandard(string url, int separator)
    {
        var scheme = url[..separator];
        if (!IsValidScheme(scheme))
            throw new ArgumentException(ErrorMessages.UrlInvalidScheme(MaskPassword(url)), nameof(url));

        var rest = url[(separator + SchemeSeparator.Length)..];
        var netlocEnd = rest.IndexOfAny(['/', '?', '#']);
        var netloc = netlocEnd < 0 ? rest : rest[..netlocEnd];
        var tail = netlocEnd < 0 ? string.Empty : rest[netlocEnd..];
        var hash = tail.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
            tail = tail[..hash];
        var question = tail.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? tail : tail[..question];
        var query = question < 0 ? string.Empty : tail[(question + 1)..];

        var at = netloc.LastIndexOf('@');
        var userInfo = at < 0 ? null : netloc[..at];
        var hostInfo = at < 0 ? netloc : netloc[(at + 1)..];
        var (user, password) = SplitPair(userInfo);
        var (host, portText) = SplitPair(hostInfo);
        if (hostInfo.AsSpan().IndexOfAny('[', ']') >= 0)
            throw new ArgumentException(ErrorMessages.UrlIPv6NotSupported(MaskPassword(url)), nameof(url));

        var (queryMap, ssl) = ParseQuery(query, url);
        return new UrlParts
        {
            Transport = scheme.ToLowerInvariant(),
            Hostname = NullIfEmpty(PercentEncoding.Unquote(LowerHost(host ?? string.Empty))),
            Port = ParsePort(portText, url),
            UserId = NullIfEmpty(PercentEncoding.Unquote(user ?? string.Empty)),
            Password = NullIfEmpty(PercentEncoding.Unquote(password ?? string.Empty)),
            VirtualHost = NullIfEmpty(PercentEncoding.Unquote(path.StartsWith('/') ? path[1..] : path)),
            Query = queryMap,
            Ssl = ssl,
        };
    }

    /// <summary>Splits <c>a:b</c> at the first colon; the second half is null when there is no colon.</summary>
    private static (string? First, string? Second) SplitPair(string? text)
    {
        if (text is null)
            return (null, null);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
    }

    /// <summary>Lower-cases a host up to its first <c>%</c>, as Python's <c>SplitResult.hostname</c> does.</summary>
    private static string LowerHost(string host)
    {
        var percent = host.IndexOf('%', StringComparison.Ordinal);
        return percent < 0 ? host.ToLowerInvariant() : host[..percent].ToLowerInvariant() + host[percent..];
    }

    private static int? ParsePort(string? text, string url)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (!text.All(char.IsAsciiDigit))
            throw new ArgumentException(ErrorMessages.UrlInvalidPort(MaskPassword(url), text), nameof(url));
        var digits = text.TrimStart('0');
        var port = digits.Length == 0 ? 0 : digits.Length > 5 ? int.MaxValue : int.Parse(digits, CultureInfo.InvariantCulture);
        if (port > 65535)
            throw new ArgumentException(ErrorMessages.UrlPortOutOfRange(MaskPassword(url), text), nameof(url));
        return port;
    }

    /// <summary>Parses a query string like Python's <c>parse_qsl</c> and moves the <c>ssl_*</c> keys aside.</summary>
    private static (IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, object> Ssl) ParseQuery(string query, string url)
    {
        if (query.Length == 0)
            return (UrlParts.EmptyQuery, UrlParts.EmptySsl);

        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        var ssl = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || equals == pair.Length - 1)
                continue; // Python drops pairs without '=' and pairs with a blank value.
            var key = PercentEncoding.Unquote(pair[..equals], plusAsSpace: true);
            var value = PercentEncoding.Unquote(pair[(equals + 1)..], plusAsSpace: true);
            if (key.StartsWith("ssl_", StringComparison.Ordinal))
                ssl[key[4..]] = SslValue(key, value, url);
            else
                plain[key] = value;
        }
        return (plain.Count == 0 ? UrlParts.EmptyQuery : plain.AsReadOnly(), ssl.Count == 0 ? UrlParts.EmptySsl : ssl.AsReadOnly());
    }

    private static object SslValue(string key, string value, string url) => key switch
    {
        "ssl_check_hostname" => !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase),
        "ssl_cert_reqs" => value switch
        {
            "CERT_REQUIRED" or "required" => "CERT_REQUIRED",
            "CERT_OPTIONAL" or "optional" => "CERT_OPTIONAL",
            "CERT_NONE" or "none" => "CERT_NONE",
            _ => throw new ArgumentException(ErrorMessages.UrlInvalidCertReqs(MaskPassword(url), value), nameof(url)),
        },
        _ => value,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
