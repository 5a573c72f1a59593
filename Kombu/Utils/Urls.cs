using Kombu.Exceptions;

namespace Kombu.Utils;

/// <summary>Parses, builds and sanitizes Kombu connection URLs.</summary>
/// <remarks>Kombu's <c>kombu.utils.url</c> module (<c>url_to_parts</c>, <c>parse_url</c>, <c>as_url</c>, <c>maybe_sanitize_url</c>).</remarks>
public static partial class Urls
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
}
