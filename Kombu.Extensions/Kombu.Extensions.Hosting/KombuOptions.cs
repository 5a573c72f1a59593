using Microsoft.Extensions.Logging;

namespace Kombu.Extensions.Hosting;

/// <summary>The broker connection of an application, bound from configuration (for example the <c>Kombu</c> section).</summary>
/// <remarks>
/// Each property is a <see cref="Connection"/> argument (Kombu's <c>Connection(...)</c> keyword arguments); the pool
/// limits are Kombu's <c>pools.set_limit</c>. Checked when the host starts: a bad value stops the start with a message
/// naming the setting.
/// </remarks>
public sealed class KombuOptions
{
    /// <summary>The configuration section <c>AddKombu</c> reads by convention: <c>Kombu</c>.</summary>
    public const string SectionName = "Kombu";

    /// <summary>The broker URL (<c>amqp://guest:guest@localhost//</c>, <c>redis://localhost:6379/0</c>, <c>memory://</c>…), or <c>;</c>-separated failover URLs.</summary>
    public string Url { get; set; } = "";

    /// <summary>More failover URLs, tried after <see cref="Url"/>.</summary>
    public IList<string> Alternates { get; } = [];

    /// <summary>How failover URLs are tried: <c>round-robin</c> (default) or <c>shuffle</c>.</summary>
    public string FailoverStrategy { get; set; } = "round-robin";

    /// <summary>Transport options by Kombu's name (<c>confirm_publish</c>, <c>visibility_timeout</c>…), as text, as in a URL query string.</summary>
    public IDictionary<string, string> TransportOptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How long establishing a connection may take (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The heartbeat interval where the transport has one (AMQP); <see langword="null"/> or zero disables it.</summary>
    public TimeSpan? Heartbeat { get; set; }

    /// <summary>Connect over TLS where the transport supports it (also implied by <c>amqps://</c>, <c>rediss://</c>).</summary>
    public bool Ssl { get; set; }

    /// <summary>Most connections in the connection pool (default 10, as Kombu 5).</summary>
    public int ConnectionPoolLimit { get; set; } = 10;

    /// <summary>Most producers in the producer pool (default 10, as Kombu 5).</summary>
    public int ProducerPoolLimit { get; set; } = 10;

    /// <summary>Most connection attempts before a hosted consumer gives up; <see langword="null"/> (default) retries forever.</summary>
    public int? ConnectMaxRetries { get; set; }

    /// <summary>Creates a connection with these settings; nothing is sent to the broker until it is used.</summary>
    /// <param name="loggerFactory">Where the connection logs; no logging when <see langword="null"/>.</param>
    /// <returns>The new connection; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">The URL is malformed or has an unknown query option, or the failover strategy is unknown.</exception>
    public Connection CreateConnection(ILoggerFactory? loggerFactory = null) =>
        new(Url, ssl: Ssl, connectTimeout: ConnectTimeout, heartbeat: Heartbeat, failoverStrategy: FailoverStrategy,
            alternates: Alternates,
            transportOptions: TransportOptions.ToDictionary(pair => pair.Key, pair => (object?)pair.Value, StringComparer.Ordinal),
            loggerFactory: loggerFactory);
}
