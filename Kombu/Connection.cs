using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kombu;

/// <summary>STUB: a connection to a broker.</summary>
public class Connection
{
    /// <summary>STUB.</summary>
    public string? Hostname { get; protected set; } = "localhost";
    /// <summary>STUB.</summary>
    public int? Port { get; protected set; }
    /// <summary>STUB.</summary>
    public string? UserId { get; protected set; }
    /// <summary>STUB.</summary>
    public string? Password { get; protected set; }
    /// <summary>STUB.</summary>
    public string VirtualHost { get; protected set; } = "/";
    /// <summary>STUB.</summary>
    public IDictionary<string, object?> TransportOptions { get; } = new Dictionary<string, object?>();
    /// <summary>STUB.</summary>
    public ILoggerFactory LoggerFactory { get; } = NullLoggerFactory.Instance;
}
