using MongoDB.Driver;

namespace Kombu.Transport.MongoDb;

/// <summary>Builds the driver URL and database name from a connection, as Kombu's MongoDB channel does (<c>_parse_uri</c>).</summary>
internal static class MongoDbUri
{
    private const string Scheme = "mongodb://";
    private const string SrvScheme = "mongodb+srv://";

    /// <summary>The driver URL: the connection's host name completed with scheme, default host, credentials and ports.</summary>
    /// <param name="client">The connection; its host name is the whole URL (the transport parses its own URLs).</param>
    /// <param name="options">The transport options (default host and port).</param>
    /// <returns>The URL for the driver.</returns>
    /// <remarks>
    /// <c>mongodb+srv://</c> URLs arrive as <c>srv://…</c> with the connection's URI prefix <c>mongodb</c>, as in Kombu.
    /// Several hosts (<c>h1,h2:27018</c>) and options such as <c>replicaSet</c> are passed through to the driver.
    /// </remarks>
    public static string Build(Connection client, MongoDbTransportOptions options)
    {
        var url = client.Hostname ?? "";
        var scheme = Scheme;
        if (url.StartsWith("srv://", StringComparison.Ordinal))
            url = "mongodb+" + url;
        if (url.StartsWith(SrvScheme, StringComparison.Ordinal))
            scheme = SrvScheme;
        else if (!url.StartsWith(Scheme, StringComparison.Ordinal))
            url = Scheme + url;
        if (url.Length == scheme.Length)
            url += options.DefaultHostname;
        var rest = url[scheme.Length..];
        var pathStart = rest.IndexOfAny(['/', '?']);
        var authority = pathStart < 0 ? rest : rest[..pathStart];
        var tail = pathStart < 0 ? "" : rest[pathStart..];
        var at = authority.LastIndexOf('@');
        var credentials = at < 0 ? null : authority[..(at + 1)];
        var hosts = at < 0 ? authority : authority[(at + 1)..];
        if (credentials is null && !string.IsNullOrEmpty(client.UserId))
        {
            credentials = Uri.EscapeDataString(client.UserId)
                + (string.IsNullOrEmpty(client.Password) ? "" : ":" + Uri.EscapeDataString(client.Password)) + "@";
        }
        if (hosts.Length == 0)
            hosts = options.DefaultHostname;
        if (scheme == Scheme)
            hosts = string.Join(',', hosts.Split(',').Select(h => WithPort(h, client.Port ?? options.DefaultPort)));
        return scheme + credentials + hosts + tail;
    }

    /// <summary>The database: the URL's, else the virtual host; <c>/</c> or none gives <see cref="MongoDbTransportOptions.DefaultDatabase"/>.</summary>
    /// <param name="url">The URL from <see cref="Build"/>.</param>
    /// <param name="virtualHost">The connection's virtual host.</param>
    /// <param name="options">The transport options.</param>
    /// <returns>The database name.</returns>
    public static string Database(MongoUrl url, string? virtualHost, MongoDbTransportOptions options)
    {
        var name = string.IsNullOrEmpty(url.DatabaseName) ? virtualHost : url.DatabaseName;
        return string.IsNullOrEmpty(name) || name == "/" ? options.DefaultDatabase : name;
    }

    /// <summary>Whether the URL sets <c>tls</c> or <c>ssl</c> itself, which then wins over the <c>ssl</c> transport option.</summary>
    /// <param name="url">The driver URL.</param>
    /// <returns><see langword="true"/> when the query names either option.</returns>
    public static bool NamesTls(string url)
    {
        var query = url.IndexOf('?');
        return query >= 0 && url[(query + 1)..].Split('&')
            .Select(p => p.Split('=')[0]).Any(k => k.Equals("tls", StringComparison.OrdinalIgnoreCase) || k.Equals("ssl", StringComparison.OrdinalIgnoreCase));
    }

    private static string WithPort(string host, int port)
    {
        var closing = host.LastIndexOf(']');
        var colon = host.LastIndexOf(':');
        return host.Length == 0 || colon > closing ? host : $"{host}:{port}";
    }
}
