using System.Globalization;
using Kombu.Exceptions;

namespace Kombu.Utils;

/// <summary>The HTTP-style splitting behind <see cref="Parse(string)"/>.</summary>
public static partial class Urls
{
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
