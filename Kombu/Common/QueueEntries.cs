using System.Globalization;
using Kombu.Exceptions;

namespace Kombu.Common;

/// <summary>Builds queues from configuration entries: a name plus a map of Kombu's option keys.</summary>
/// <remarks>Holds Kombu's <c>kombu.common.entry_to_queue</c>, which is <c>Queue.from_dict</c>.</remarks>
public static class QueueEntries
{
    /// <summary>Creates a queue, and its exchange, from a name and a map of options.</summary>
    /// <param name="name">The queue name.</param>
    /// <param name="options">
    /// Keys: <c>exchange</c>, <c>exchange_type</c>, <c>delivery_mode</c>, <c>routing_key</c>, <c>binding_key</c> (wins over
    /// <c>routing_key</c> for the binding), <c>durable</c> and <c>auto_delete</c> (both entities, unless
    /// <c>exchange_durable</c>/<c>queue_durable</c>/<c>exchange_auto_delete</c>/<c>queue_auto_delete</c> say otherwise),
    /// <c>exclusive</c>, <c>no_ack</c>, <c>exchange_arguments</c>, <c>queue_arguments</c>, <c>binding_arguments</c>,
    /// <c>consumer_arguments</c>, <c>bindings</c>, and <c>expires</c>, <c>message_ttl</c> (seconds or a
    /// <see cref="TimeSpan"/>), <c>max_length</c>, <c>max_length_bytes</c>, <c>max_priority</c>. Missing or
    /// <see langword="null"/> values take the <see cref="Queue"/> and <see cref="Exchange"/> defaults.
    /// </param>
    /// <returns>The queue declaration.</returns>
    /// <exception cref="ArgumentException">An option has the wrong type.</exception>
    /// <remarks>
    /// Kombu's <c>Queue.from_dict</c> ignores <c>expires</c>, <c>message_ttl</c> and the length limits (they reach the
    /// broker only through <c>queue_arguments</c>); they are honoured here.
    /// </remarks>
    public static Queue EntryToQueue(string name, IDictionary<string, object?>? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var o = options ?? new Dictionary<string, object?>();
        var bindingKey = Text(o, "binding_key") is { Length: > 0 } bk ? bk : Text(o, "routing_key");
        var exchange = new Exchange(Text(o, "exchange") ?? "", Text(o, "exchange_type") ?? "direct",
            durable: Flag(o, "exchange_durable") ?? Flag(o, "durable") ?? true,
            autoDelete: Flag(o, "exchange_auto_delete") ?? Flag(o, "auto_delete") ?? false,
            deliveryMode: Get(o, "delivery_mode"), arguments: Map(o, "exchange_arguments"));
        return new Queue(name, exchange, bindingKey ?? "",
            bindings: Get(o, "bindings") is { } b ? As<IEnumerable<Binding>>(b, "bindings", "a list of bindings") : null,
            durable: Flag(o, "queue_durable") ?? Flag(o, "durable") ?? true,
            exclusive: Flag(o, "exclusive") ?? false,
            autoDelete: Flag(o, "queue_auto_delete") ?? Flag(o, "auto_delete") ?? false,
            queueArguments: Map(o, "queue_arguments"), bindingArguments: Map(o, "binding_arguments"),
            consumerArguments: Map(o, "consumer_arguments"), noAck: Flag(o, "no_ack") ?? false,
            expires: Seconds(o, "expires"), messageTtl: Seconds(o, "message_ttl"), maxLength: Int(o, "max_length"),
            maxLengthBytes: Int(o, "max_length_bytes"), maxPriority: Int(o, "max_priority"));
    }

    private static object? Get(IDictionary<string, object?> o, string key) => o.TryGetValue(key, out var v) ? v : null;

    private static T As<T>(object value, string key, string expected) =>
        value is T t ? t : throw new ArgumentException(ErrorMessages.EntryOptionType(key, expected), nameof(value));

    private static string? Text(IDictionary<string, object?> o, string key) =>
        Get(o, key) is { } v ? As<string>(v, key, "a string") : null;

    private static bool? Flag(IDictionary<string, object?> o, string key) =>
        Get(o, key) is { } v ? As<bool>(v, key, "true or false") : null;

    private static IDictionary<string, object?>? Map(IDictionary<string, object?> o, string key) =>
        Get(o, key) is { } v ? As<IDictionary<string, object?>>(v, key, "a map") : null;

    private static int? Int(IDictionary<string, object?> o, string key) => Get(o, key) switch
    {
        null => null,
        int i => i,
        long l => checked((int)l),
        _ => throw new ArgumentException(ErrorMessages.EntryOptionType(key, "an integer"), nameof(o)),
    };

    private static TimeSpan? Seconds(IDictionary<string, object?> o, string key) => Get(o, key) switch
    {
        null => null,
        TimeSpan t => t,
        int or long or double or float or decimal => TimeSpan.FromSeconds(Convert.ToDouble(Get(o, key), CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException(ErrorMessages.EntryOptionType(key, "seconds or a TimeSpan"), nameof(o)),
    };
}
