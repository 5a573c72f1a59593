using System.Globalization;

namespace Kombu.Transport.Redis;

/// <summary>Builds the Redis key and Pub/Sub channel names Kombu uses (wire format §5.1, §5.5, §5.7).</summary>
internal sealed class RedisKeyspace
{
    private readonly RedisTransportOptions _options;
    private readonly string _fanoutPrefix;

    public RedisKeyspace(RedisTransportOptions options, int db)
    {
        _options = options;
        Prefix = options.GlobalKeyPrefix;
        _fanoutPrefix = options.FanoutPrefixFor(db);
        Unacked = Prefix + options.UnackedKey;
        UnackedIndex = Prefix + options.UnackedIndexKey;
        UnackedMutex = Prefix + options.UnackedMutexKey;
        Sep = options.Sep;
    }

    /// <summary>The separator of priority suffixes and binding members (<c>sep</c>).</summary>
    public string Sep { get; }

    public string Prefix { get; }

    public string Unacked { get; }

    public string UnackedIndex { get; }

    public string UnackedMutex { get; }

    public IReadOnlyList<int> Steps => _options.PrioritySteps;

    /// <summary>The priority step of a publish priority: clamp to 0–9, then the largest step not above it.</summary>
    public int StepFor(int priority)
    {
        var p = Math.Clamp(priority, 0, 9);
        var step = Steps[0];
        foreach (var s in Steps)
        {
            if (s <= p)
                step = s;
        }
        return step;
    }

    /// <summary>The list key of <paramref name="queue"/> at <paramref name="step"/>; step 0 has no suffix.</summary>
    public string QueueKey(string queue, int step) =>
        step == 0 ? Prefix + queue : Prefix + queue + Sep + step.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every priority list key of a queue, step order.</summary>
    public string[] PriorityKeys(string queue)
    {
        var keys = new string[Steps.Count];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = QueueKey(queue, Steps[i]);
        return keys;
    }

    /// <summary>The queue a popped list key belongs to: prefix stripped, cut at the last separator.</summary>
    public string QueueFromKey(string key)
    {
        if (Prefix.Length > 0 && key.StartsWith(Prefix, StringComparison.Ordinal))
            key = key[Prefix.Length..];
        var cut = key.LastIndexOf(Sep, StringComparison.Ordinal);
        return cut < 0 ? key : key[..cut];
    }

    /// <summary>The list that keeps the entries of <paramref name="queue"/> that are not message envelopes.</summary>
    public string UndeliverableKey(string queue) => Prefix + queue + ".undeliverable";

    /// <summary>The in-flight key of a channel: what its last recording pop took (this port's own; Kombu has none).</summary>
    public string InflightKey(string channel) => Prefix + "inflight:" + channel;

    /// <summary>The binding set of an exchange.</summary>
    public string BindingKey(string exchange) => Prefix + "_kombu.binding." + exchange;

    /// <summary>The binding set member: routing key, pattern and queue joined by the separator.</summary>
    public string BindingMember(string routingKey, string? pattern, string queue) =>
        routingKey + Sep + (pattern ?? "") + Sep + queue;

    /// <summary>The Pub/Sub channel (or pattern) of a fanout exchange and routing key.</summary>
    public string FanoutChannel(string exchange, string routingKey) =>
        Prefix + _fanoutPrefix + exchange + (routingKey.Length > 0 && _options.FanoutPatterns ? "/" + routingKey : "");

    /// <summary>The exchange named by a received Pub/Sub channel.</summary>
    public string ExchangeFromChannel(string channel)
    {
        if (Prefix.Length > 0 && channel.StartsWith(Prefix, StringComparison.Ordinal))
            channel = channel[Prefix.Length..];
        if (channel.StartsWith('/'))
        {
            var dot = channel.IndexOf('.', StringComparison.Ordinal);
            channel = dot < 0 ? channel : channel[(dot + 1)..];
        }
        var slash = channel.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? channel : channel[..slash];
    }
}
