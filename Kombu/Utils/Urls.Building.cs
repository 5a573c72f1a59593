using System.Globalization;
using System.Text;

namespace Kombu.Utils;

/// <summary>Building and sanitizing URLs.</summary>
public static partial class Urls
{
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
}
