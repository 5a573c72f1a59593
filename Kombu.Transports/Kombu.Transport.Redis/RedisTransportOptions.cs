using System.Collections;
using System.Globalization;
using Kombu.Serialization;

namespace Kombu.Transport.Redis;

/// <summary>The transport options the Redis transport reads, with Kombu's names and defaults.</summary>
/// <remarks>Read from <see cref="Connection.TransportOptions"/> (Celery's <c>broker_transport_options</c>).</remarks>
public sealed class RedisTransportOptions
{
    /// <summary>The separator between a queue name and its priority step, and inside binding members.</summary>
    public const string Separator = "\u0006\u0016";

    /// <summary>Whether deliveries are recorded in <c>unacked</c> for restore (<c>ack_emulation</c>, default on).</summary>
    public bool AckEmulation { get; init; } = true;

    /// <summary>Name of the unacked hash (<c>unacked_key</c>).</summary>
    public string UnackedKey { get; init; } = "unacked";

    /// <summary>Name of the unacked index zset (<c>unacked_index_key</c>).</summary>
    public string UnackedIndexKey { get; init; } = "unacked_index";

    /// <summary>Name of the restore lock key (<c>unacked_mutex_key</c>).</summary>
    public string UnackedMutexKey { get; init; } = "unacked_mutex";

    /// <summary>How long the restore lock is held at most (<c>unacked_mutex_expire</c>, default 300 s).</summary>
    public TimeSpan UnackedMutexExpire { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How many expired deliveries one restore sweep handles, or <see langword="null"/> for all (<c>unacked_restore_limit</c>).</summary>
    public int? UnackedRestoreLimit { get; init; }

    /// <summary>How often an idle consumer sweeps for expired deliveries (<c>unacked_restore_interval</c>, default 10 s).</summary>
    public TimeSpan UnackedRestoreInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a delivery may stay unacknowledged before it is restored (<c>visibility_timeout</c>, default 3600 s).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>The priority steps, ascending (<c>priority_steps</c>, default 0, 3, 6, 9).</summary>
    public IReadOnlyList<int> PrioritySteps { get; init; } = [0, 3, 6, 9];

    /// <summary>The fanout channel prefix: <see langword="true"/> for <c>/{db}.</c>, <see langword="false"/> for none, or a string (<c>fanout_prefix</c>).</summary>
    public object FanoutPrefix { get; init; } = true;

    /// <summary>Whether fanout channels carry the routing key, as Kombu 4+ does (<c>fanout_patterns</c>, default on).</summary>
    public bool FanoutPatterns { get; init; } = true;

    /// <summary>Prefix put verbatim in front of every key and Pub/Sub channel (<c>global_keyprefix</c>).</summary>
    public string GlobalKeyPrefix { get; init; } = "";

    /// <summary>How the consumed queues are ordered in each blocking pop (<c>queue_order_strategy</c>: round_robin, priority, sorted).</summary>
    public string QueueOrderStrategy { get; init; } = "round_robin";

    /// <summary>The BRPOP timeout when <c>polling_interval</c> is set, else <see langword="null"/> (1 s, Kombu's <c>brpop_timeout</c>).</summary>
    public TimeSpan? PollingInterval { get; init; }

    /// <summary>The separator between a queue name and its priority step, and inside binding members (<c>sep</c>).</summary>
    public string Sep { get; init; } = Separator;

    /// <summary>How long a command may wait for its reply, or <see langword="null"/> for the driver's 5 s (<c>socket_timeout</c>).</summary>
    /// <remarks>Also bounds how long a blocking pop may stay unanswered past its own timeout.</remarks>
    public TimeSpan? SocketTimeout { get; init; }

    /// <summary>How long connecting may take, or <see langword="null"/> for the connection's <c>connect_timeout</c> (<c>socket_connect_timeout</c>).</summary>
    public TimeSpan? SocketConnectTimeout { get; init; }

    /// <summary>Whether the sockets use TCP keep-alive (<c>socket_keepalive</c>, default off as in Kombu).</summary>
    public bool SocketKeepalive { get; init; }

    /// <summary>Kombu's connection-pool size (<c>max_connections</c>, default 10); see the remarks.</summary>
    /// <remarks>
    /// Read and checked only: a connection here never opens more than three sockets (the multiplexer's command and
    /// subscription sockets and the blocking-pop socket), whatever the number of channels.
    /// </remarks>
    public int MaxConnections { get; init; } = 10;

    /// <summary>How long a socket may stay idle before it is checked with <c>PING</c> (<c>health_check_interval</c>, default 25 s).</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Whether a reply that timed out is waited for once more before the error is raised (<c>retry_on_timeout</c>).</summary>
    /// <remarks>The command is not sent twice, so a pop that did run on the server is never repeated.</remarks>
    public bool RetryOnTimeout { get; init; }

    /// <summary>The Sentinel service (master group) name, required by <c>sentinel://</c> (<c>master_name</c>).</summary>
    public string? MasterName { get; init; }

    /// <summary>Options of the connections to the sentinels (<c>sentinel_kwargs</c>): <c>username</c> and <c>password</c> are used.</summary>
    public IReadOnlyDictionary<string, object?> SentinelKwargs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Kombu's <c>min_other_sentinels</c> (default 0): how many other sentinels the one asked must know of.</summary>
    public int MinOtherSentinels { get; init; }

    /// <summary>The time a command may wait for its reply: <see cref="SocketTimeout"/>, doubled with <see cref="RetryOnTimeout"/>.</summary>
    /// <param name="fallback">The wait when <see cref="SocketTimeout"/> is not set.</param>
    /// <returns>The wait.</returns>
    public TimeSpan ReplyTimeout(TimeSpan fallback) => (SocketTimeout ?? fallback) * (RetryOnTimeout ? 2 : 1);

    /// <summary>Reads the options from a transport-options map.</summary>
    /// <param name="options">The connection's transport options.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">An option has a value of the wrong kind.</exception>
    public static RedisTransportOptions Parse(IDictionary<string, object?> options)
    {
        var defaults = new RedisTransportOptions();
        return new RedisTransportOptions
        {
            AckEmulation = Bool(options, "ack_emulation", defaults.AckEmulation),
            UnackedKey = Text(options, "unacked_key") ?? defaults.UnackedKey,
            UnackedIndexKey = Text(options, "unacked_index_key") ?? defaults.UnackedIndexKey,
            UnackedMutexKey = Text(options, "unacked_mutex_key") ?? defaults.UnackedMutexKey,
            UnackedMutexExpire = Seconds(options, "unacked_mutex_expire") ?? defaults.UnackedMutexExpire,
            UnackedRestoreLimit = Number(options, "unacked_restore_limit") is { } limit ? (int)limit : null,
            UnackedRestoreInterval = Seconds(options, "unacked_restore_interval") ?? defaults.UnackedRestoreInterval,
            VisibilityTimeout = Seconds(options, "visibility_timeout") ?? defaults.VisibilityTimeout,
            PrioritySteps = Steps(options) ?? defaults.PrioritySteps,
            FanoutPrefix = options.TryGetValue("fanout_prefix", out var prefix) && prefix is string s && !IsBoolText(s)
                ? s
                : Bool(options, "fanout_prefix", true),
            FanoutPatterns = Bool(options, "fanout_patterns", defaults.FanoutPatterns),
            GlobalKeyPrefix = Text(options, "global_keyprefix") ?? "",
            QueueOrderStrategy = Text(options, "queue_order_strategy") ?? defaults.QueueOrderStrategy,
            PollingInterval = Seconds(options, "polling_interval"),
            Sep = NonEmpty(options, "sep") ?? defaults.Sep,
            SocketTimeout = Seconds(options, "socket_timeout"),
            SocketConnectTimeout = Seconds(options, "socket_connect_timeout"),
            SocketKeepalive = Bool(options, "socket_keepalive", defaults.SocketKeepalive),
            MaxConnections = Count(options, "max_connections", minimum: 1) ?? defaults.MaxConnections,
            HealthCheckInterval = Seconds(options, "health_check_interval") ?? defaults.HealthCheckInterval,
            RetryOnTimeout = Bool(options, "retry_on_timeout", defaults.RetryOnTimeout),
            MasterName = Text(options, "master_name"),
            SentinelKwargs = Map(options, "sentinel_kwargs") ?? defaults.SentinelKwargs,
            MinOtherSentinels = Count(options, "min_other_sentinels", minimum: 0) ?? defaults.MinOtherSentinels,
        };
    }

    /// <summary>The fanout channel prefix for database <paramref name="db"/>.</summary>
    /// <param name="db">The database number.</param>
    /// <returns><c>/{db}.</c>, the configured string, or empty.</returns>
    public string FanoutPrefixFor(int db) => FanoutPrefix switch
    {
        string text => text,
        true => "/" + db.ToString(CultureInfo.InvariantCulture) + ".",
        _ => "",
    };

    private static bool IsBoolText(string s) => bool.TryParse(s, out _) || s is "0" or "1" or "yes" or "no";

    private static string? Text(IDictionary<string, object?> options, string name) =>
        options.TryGetValue(name, out var value) && value is not null ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    private static string? NonEmpty(IDictionary<string, object?> options, string name) =>
        Text(options, name) is { Length: > 0 } text ? text : null;

    private static int? Count(IDictionary<string, object?> options, string name, int minimum) =>
        Number(options, name) is not { } value ? null
        : value >= minimum && value <= int.MaxValue && value == Math.Floor(value) ? (int)value
        : throw new ArgumentException(RedisMessages.InvalidCount(name, value, minimum), nameof(options));

    // A map, or its JSON text (as a URL query string gives it).
    private static Dictionary<string, object?>? Map(IDictionary<string, object?> options, string name)
    {
        if (!options.TryGetValue(name, out var value) || value is null)
            return null;
        var map = value is string text && text.TrimStart().StartsWith('{') ? KombuJson.Deserialize(text) : value;
        return map switch
        {
            IDictionary<string, object?> typed => new Dictionary<string, object?>(typed, StringComparer.Ordinal),
            IDictionary untyped => untyped.Cast<DictionaryEntry>().ToDictionary(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture)!, e => e.Value, StringComparer.Ordinal),
            _ => throw new ArgumentException(RedisMessages.NotAMap(name), nameof(options)),
        };
    }

    private static bool Bool(IDictionary<string, object?> options, string name, bool fallback) =>
        !options.TryGetValue(name, out var value) || value is null ? fallback : value switch
        {
            bool b => b,
            string s => s.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on",
            IConvertible c => c.ToDouble(CultureInfo.InvariantCulture) != 0,
            _ => throw new ArgumentException($"Transport option {name} must be a boolean, not {value}.", nameof(options)),
        };

    private static double? Number(IDictionary<string, object?> options, string name)
    {
        if (!options.TryGetValue(name, out var value) || value is null)
            return null;
        return value switch
        {
            TimeSpan span => span.TotalSeconds,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            IConvertible c when value is not string and not bool => c.ToDouble(CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"Transport option {name} must be a number, not {value}.", nameof(options)),
        };
    }

    private static TimeSpan? Seconds(IDictionary<string, object?> options, string name) =>
        Number(options, name) is { } seconds ? TimeSpan.FromSeconds(Math.Max(seconds, 0)) : null;

    private static List<int>? Steps(IDictionary<string, object?> options)
    {
        if (!options.TryGetValue("priority_steps", out var value) || value is null)
            return null;
        IEnumerable items = value is string text
            ? text.Trim('[', ']', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : value as IEnumerable ?? throw new ArgumentException("Transport option priority_steps must be a list.", nameof(options));
        var steps = new List<int>();
        foreach (var item in items)
            steps.Add(Convert.ToInt32(item, CultureInfo.InvariantCulture));
        steps.Sort();
        return steps.Count == 0 ? null : steps;
    }
}
