using System.Globalization;
using Kombu.Exceptions;
using Kombu.Utils;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kombu;

/// <summary>A connection to a message broker, established lazily on first use.</summary>
/// <remarks>
/// Kombu's <c>kombu.Connection</c> (alias <see cref="BrokerConnection"/>). The first argument is a host name or a URL
/// (<c>transport://userid:password@hostname:port/virtual_host</c>); a <c>;</c>-separated list of URLs gives failover
/// alternates. Fields given in the URL override the keyword arguments. Dispose (or <see cref="Release"/>) it after use.
/// </remarks>
public partial class Connection : IDisposable, IAsyncDisposable
{
    /// <summary>The default virtual host.</summary>
    public const string DefaultVirtualHost = "/";

    private readonly ConnectionSettings _initialSettings;

    private static readonly HashSet<string> UrlOptions = new(StringComparer.Ordinal)
    {
        "hostname", "userid", "password", "virtual_host", "port", "insist", "ssl", "transport",
        "connect_timeout", "login_method", "heartbeat", "credential_provider",
    };

    // Beyond Kombu, whose URL query takes connection arguments only (5.2 raises TypeError for anything else):
    // confirm_publish may be given in the query too, so command-line users can ask for publisher confirms; a value
    // passed in code wins.
    private static readonly HashSet<string> UrlTransportOptions = new(StringComparer.Ordinal) { "confirm_publish" };

    /// <summary>Creates a connection; nothing is sent to the broker until it is used.</summary>
    /// <param name="hostname">Host name, URL, or <c>;</c>-separated failover URLs.</param>
    /// <param name="userId">User name when the URL gives none.</param>
    /// <param name="password">Password when the URL gives none.</param>
    /// <param name="virtualHost">Virtual host when the URL gives none (default <c>/</c>).</param>
    /// <param name="port">Port when the URL gives none (default: the transport's).</param>
    /// <param name="insist">Accepted for compatibility; ignored.</param>
    /// <param name="ssl">Connect over TLS where the transport supports it.</param>
    /// <param name="transport">Transport alias or type name when the URL gives none (default <c>amqp</c>).</param>
    /// <param name="connectTimeout">Timeout for establishing the connection (default 5 s).</param>
    /// <param name="transportOptions">Transport-specific options (see each transport's feature sheet).</param>
    /// <param name="loginMethod">SASL login method (AMQP).</param>
    /// <param name="heartbeat">Heartbeat interval, where supported; <see langword="null"/> or zero disables.</param>
    /// <param name="failoverStrategy"><c>round-robin</c> (default) or <c>shuffle</c>.</param>
    /// <param name="alternates">More failover URLs.</param>
    /// <param name="sslOptions">TLS options (<c>cert_reqs</c>, <c>ca_certs</c>, <c>check_hostname</c>…); implies <paramref name="ssl"/>.</param>
    /// <param name="loggerFactory">Where to log; defaults to no logging.</param>
    /// <exception cref="ArgumentException">The URL is malformed or has an unknown query option.</exception>
    public Connection(string? hostname = "localhost", string? userId = null, string? password = null,
        string? virtualHost = null, int? port = null, bool insist = false, bool ssl = false, string? transport = null,
        TimeSpan? connectTimeout = null, IDictionary<string, object?>? transportOptions = null,
        string? loginMethod = null, TimeSpan? heartbeat = null, string failoverStrategy = "round-robin",
        IEnumerable<string>? alternates = null, IReadOnlyDictionary<string, object>? sslOptions = null,
        ILoggerFactory? loggerFactory = null)
    {
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        TransportOptions = transportOptions is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : new Dictionary<string, object?>(transportOptions, StringComparer.Ordinal);
        FailoverStrategy = failoverStrategy is "round-robin" or "shuffle"
            ? failoverStrategy
            : throw new ArgumentException($"Unknown failover strategy '{failoverStrategy}': use round-robin or shuffle.", nameof(failoverStrategy));
        var alt = new List<string>(alternates ?? []);
        if (hostname is not null && hostname.Contains(';', StringComparison.Ordinal))
        {
            alt.InsertRange(0, Urls.SplitFailover(hostname));
            hostname = alt[0];
        }
        Alternates = alt;
        _failover = new FailoverCycle(alt, failoverStrategy);
        _initialSettings = new ConnectionSettings(hostname, userId, password, virtualHost, port, insist, ssl, transport,
            connectTimeout ?? TimeSpan.FromSeconds(5), loginMethod, heartbeat, sslOptions);
        Apply(_initialSettings);
        Logger = LoggerFactory.CreateLogger("Kombu.Connection");
    }

    /// <summary>Creates an unconnected connection with the same parameters as <paramref name="source"/>.</summary>
    /// <param name="source">The connection to copy.</param>
    protected Connection(Connection source)
        : this(source.UriPrefix is null ? source.Hostname : $"{source.UriPrefix}+{source.Hostname}", source.UserId,
            source.Password, source.VirtualHost, source.Port, source.Insist, source.Ssl, source.TransportName,
            source.ConnectTimeout, source.TransportOptions, source.LoginMethod, source.Heartbeat,
            source.FailoverStrategy, source.Alternates.Skip(1), source.SslOptions, source.LoggerFactory)
    {
    }

    /// <summary>Host name (or, for transports that parse their own URLs, the whole URL).</summary>
    public string? Hostname { get; private set; }

    /// <summary>Port, or <see langword="null"/> for the transport's default.</summary>
    public int? Port { get; private set; }

    /// <summary>User name, or <see langword="null"/> for the transport's default.</summary>
    public string? UserId { get; private set; }

    /// <summary>Password, or <see langword="null"/> for the transport's default.</summary>
    public string? Password { get; private set; }

    /// <summary>Virtual host (<c>/</c> by default; for Redis, the database number).</summary>
    public string VirtualHost { get; private set; } = DefaultVirtualHost;

    /// <summary>Accepted for compatibility with AMQP 0-8; ignored.</summary>
    public bool Insist { get; private set; }

    /// <summary>Whether to connect over TLS.</summary>
    public bool Ssl { get; private set; }

    /// <summary>TLS options from the URL's <c>ssl_*</c> query keys or the constructor.</summary>
    public IReadOnlyDictionary<string, object> SslOptions { get; private set; } = new Dictionary<string, object>();

    /// <summary>The transport alias or type name (<c>amqp</c> unless given).</summary>
    public string TransportName { get; private set; } = Kombu.Transport.Transports.DefaultTransport;

    /// <summary>Timeout for establishing the connection.</summary>
    public TimeSpan ConnectTimeout { get; private set; }

    /// <summary>SASL login method, or <see langword="null"/> for the transport's default.</summary>
    public string? LoginMethod { get; private set; }

    /// <summary>Heartbeat interval, or <see langword="null"/> when disabled.</summary>
    public TimeSpan? Heartbeat { get; private set; }

    /// <summary>Prefix of a <c>transport+url</c> URL (such as <c>sqla</c>), or <see langword="null"/>.</summary>
    public string? UriPrefix { get; private set; }

    /// <summary>Transport-specific options.</summary>
    public IDictionary<string, object?> TransportOptions { get; }

    /// <summary>The failover strategy: <c>round-robin</c> or <c>shuffle</c>.</summary>
    public string FailoverStrategy { get; }

    /// <summary>Every failover URL, the current one first.</summary>
    public IReadOnlyList<string> Alternates { get; }

    /// <summary>Where the connection and its transport log.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The host as <c>hostname:port</c>.</summary>
    public string Host => $"{ResolvedHostname}:{ResolvedPort}";

    internal ILogger Logger { get; }

    private string? ResolvedHostname => string.IsNullOrEmpty(Hostname) ? Transport.DefaultHostname : Hostname;

    private int? ResolvedPort => Port ?? Transport.DefaultPort;

    private void Apply(ConnectionSettings s)
    {
        var hostname = s.Hostname;
        var transport = s.Transport;
        UriPrefix = null;
        var settings = s;
        if (hostname is not null && Urls.IsUrl(hostname))
        {
            var scheme = hostname[..hostname.IndexOf("://", StringComparison.Ordinal)];
            var plus = scheme.IndexOf('+', StringComparison.Ordinal);
            if (plus >= 0)
            {
                transport = scheme[..plus];
                UriPrefix = transport;
                settings = settings with { Hostname = hostname[(plus + 1)..] };
            }
            else
            {
                transport ??= scheme;
                settings = ApplyUrl(settings with { Transport = transport }, hostname, TransportOptions);
            }
        }
        Hostname = settings.Hostname;
        UserId = settings.UserId;
        Password = settings.Password;
        VirtualHost = string.IsNullOrEmpty(settings.VirtualHost) ? DefaultVirtualHost : settings.VirtualHost;
        Port = settings.Port is 0 ? null : settings.Port;
        Insist = settings.Insist;
        SslOptions = settings.SslOptions ?? new Dictionary<string, object>();
        Ssl = settings.Ssl || SslOptions.Count > 0;
        TransportName = transport ?? settings.Transport ?? Kombu.Transport.Transports.DefaultTransport;
        ConnectTimeout = settings.ConnectTimeout;
        LoginMethod = settings.LoginMethod;
        Heartbeat = settings.Heartbeat is { } hb && hb > TimeSpan.Zero ? hb : null;
    }

    private static ConnectionSettings ApplyUrl(ConnectionSettings s, string url, IDictionary<string, object?> transportOptions)
    {
        if (Kombu.Transport.Transports.TryResolveCanParseUrl(s.Transport))
            return s with { Hostname = url };
        var parts = Urls.Parse(url);
        var sanitized = Urls.MaybeSanitize(url);
        s = s with
        {
            Hostname = parts.Hostname,
            UserId = parts.UserId ?? s.UserId,
            Password = parts.Password ?? s.Password,
            VirtualHost = parts.VirtualHost ?? s.VirtualHost,
            Port = parts.Port ?? s.Port,
            SslOptions = parts.Ssl.Count > 0 ? parts.Ssl : s.SslOptions,
        };
        foreach (var (key, value) in parts.Query)
        {
            if (UrlTransportOptions.Contains(key))
            {
                transportOptions.TryAdd(key, value);
                continue;
            }
            if (!UrlOptions.Contains(key))
                throw new ArgumentException(ErrorMessages.UnknownUrlOption(key, sanitized), nameof(url));
            s = key switch
            {
                "hostname" => s with { Hostname = value },
                "userid" => s with { UserId = value },
                "password" => s with { Password = value },
                "virtual_host" => s with { VirtualHost = value },
                "port" => s with { Port = ParseInt(key, value, sanitized) },
                "insist" => s with { Insist = ParseBool(value) },
                "ssl" => s with { Ssl = ParseBool(value) },
                "transport" => s with { Transport = value },
                "connect_timeout" => s with { ConnectTimeout = ParseSeconds(key, value, sanitized) },
                "heartbeat" => s with { Heartbeat = ParseSeconds(key, value, sanitized) },
                "login_method" => s with { LoginMethod = value },
                _ => s,
            };
        }
        return s;
    }

    private static int ParseInt(string key, string value, string url) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            ? i
            : throw new ArgumentException(ErrorMessages.InvalidUrlOption(key, value, url), nameof(url));

    private static TimeSpan ParseSeconds(string key, string value, string url) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && double.IsFinite(d)
            ? TimeSpan.FromSeconds(d)
            : throw new ArgumentException(ErrorMessages.InvalidUrlOption(key, value, url), nameof(url));

    private static bool ParseBool(string value) =>
        value.Length > 0 && !value.Equals("0", StringComparison.Ordinal) &&
        !value.Equals("false", StringComparison.OrdinalIgnoreCase) && !value.Equals("no", StringComparison.OrdinalIgnoreCase);

    private sealed record ConnectionSettings(string? Hostname, string? UserId, string? Password, string? VirtualHost,
        int? Port, bool Insist, bool Ssl, string? Transport, TimeSpan ConnectTimeout, string? LoginMethod,
        TimeSpan? Heartbeat, IReadOnlyDictionary<string, object>? SslOptions);
}
