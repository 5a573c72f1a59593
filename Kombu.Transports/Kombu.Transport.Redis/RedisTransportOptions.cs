using System.Collections;
using System.Globalization;

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
