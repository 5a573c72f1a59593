using System.Globalization;

namespace Kombu.Transport.MongoDb;

/// <summary>The MongoDB transport options Kombu 5 reads (wire format §7).</summary>
public sealed class MongoDbTransportOptions
{
    /// <summary>Connect timeout of the driver (<c>connect_timeout</c> in seconds), or <see langword="null"/> for the driver's.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>Whether to connect over TLS when the URL does not say (<c>ssl</c>, default false).</summary>
    public bool Ssl { get; init; }

    /// <summary>Whether messages, bindings and queues expire (<c>ttl</c>, default false): TTL indexes on <c>expire_at</c>.</summary>
    public bool Ttl { get; init; }

    /// <summary>Size in bytes of the capped broadcast collection (<c>capped_queue_size</c>, default 100000).</summary>
    public long CappedQueueSize { get; init; } = 100000;

    /// <summary>Whether queue sizes are counted (<c>calc_queue_size</c>, default true); when false every size is 0.</summary>
    public bool CalcQueueSize { get; init; } = true;

    /// <summary>Host used when the URL names none (<c>default_hostname</c>, default 127.0.0.1).</summary>
    public string DefaultHostname { get; init; } = "127.0.0.1";

    /// <summary>Port used for hosts without one (<c>default_port</c>, default 27017).</summary>
    public int DefaultPort { get; init; } = 27017;

    /// <summary>Database used when neither the URL nor the virtual host names one (<c>default_database</c>, default kombu_default).</summary>
    public string DefaultDatabase { get; init; } = "kombu_default";

    /// <summary>Collection of point-to-point messages (<c>messages_collection</c>, default <c>messages</c>).</summary>
    public string MessagesCollection { get; init; } = "messages";

    /// <summary>Collection of persisted bindings (<c>routing_collection</c>, default <c>messages.routing</c>).</summary>
    public string RoutingCollection { get; init; } = "messages.routing";

    /// <summary>Capped collection of fanout messages (<c>broadcast_collection</c>, default <c>messages.broadcast</c>).</summary>
    public string BroadcastCollection { get; init; } = "messages.broadcast";

    /// <summary>Collection of queue options, used only with <see cref="Ttl"/> (<c>queues_collection</c>, default <c>messages.queues</c>).</summary>
    public string QueuesCollection { get; init; } = "messages.queues";

    /// <summary>Reads the options from a connection's transport options.</summary>
    /// <param name="options">The transport options.</param>
    /// <returns>The parsed options.</returns>
    /// <exception cref="ArgumentException">An option has the wrong shape.</exception>
    public static MongoDbTransportOptions Parse(IDictionary<string, object?> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new MongoDbTransportOptions();
        var timeout = Number(options, "connect_timeout", 0);
        return new MongoDbTransportOptions
        {
            ConnectTimeout = timeout > 0 ? TimeSpan.FromSeconds(timeout) : null,
            Ssl = Bool(options, "ssl", false),
            Ttl = Bool(options, "ttl", false),
            CappedQueueSize = (long)Number(options, "capped_queue_size", defaults.CappedQueueSize),
            CalcQueueSize = Bool(options, "calc_queue_size", true),
            DefaultHostname = Text(options, "default_hostname") ?? defaults.DefaultHostname,
            DefaultPort = (int)Number(options, "default_port", defaults.DefaultPort),
            DefaultDatabase = Text(options, "default_database") ?? defaults.DefaultDatabase,
            MessagesCollection = Text(options, "messages_collection") ?? defaults.MessagesCollection,
            RoutingCollection = Text(options, "routing_collection") ?? defaults.RoutingCollection,
            BroadcastCollection = Text(options, "broadcast_collection") ?? defaults.BroadcastCollection,
            QueuesCollection = Text(options, "queues_collection") ?? defaults.QueuesCollection,
        };
    }

    private static string? Text(IDictionary<string, object?> options, string name) =>
        options.TryGetValue(name, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    private static double Number(IDictionary<string, object?> options, string name, double fallback)
    {
        if (!options.TryGetValue(name, out var value) || value is null)
            return fallback;
        try
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            return double.IsFinite(number) && number >= 0
                ? number
                : throw new ArgumentException(MongoDbErrors.BadOption(name, value), nameof(options));
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException(MongoDbErrors.BadOption(name, value), nameof(options), ex);
        }
    }

    private static bool Bool(IDictionary<string, object?> options, string name, bool fallback) =>
        !options.TryGetValue(name, out var value) || value is null
            ? fallback
            : value is bool b ? b : value.ToString()?.ToLowerInvariant() is "1" or "true" or "yes" or "on";
}
