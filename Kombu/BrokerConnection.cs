using Microsoft.Extensions.Logging;

namespace Kombu;

/// <summary>The Kombu 2.x name of <see cref="Connection"/>.</summary>
public class BrokerConnection : Connection
{
    /// <inheritdoc cref="Connection(string?, string?, string?, string?, int?, bool, bool, string?, TimeSpan?, IDictionary{string, object?}?, string?, TimeSpan?, string, IEnumerable{string}?, IReadOnlyDictionary{string, object}?, ILoggerFactory?)"/>
    public BrokerConnection(string? hostname = "localhost", string? userId = null, string? password = null,
        string? virtualHost = null, int? port = null, bool insist = false, bool ssl = false, string? transport = null,
        TimeSpan? connectTimeout = null, IDictionary<string, object?>? transportOptions = null,
        string? loginMethod = null, TimeSpan? heartbeat = null, string failoverStrategy = "round-robin",
        IEnumerable<string>? alternates = null, IReadOnlyDictionary<string, object>? sslOptions = null,
        ILoggerFactory? loggerFactory = null)
        : base(hostname, userId, password, virtualHost, port, insist, ssl, transport, connectTimeout, transportOptions,
            loginMethod, heartbeat, failoverStrategy, alternates, sslOptions, loggerFactory)
    {
    }
}
