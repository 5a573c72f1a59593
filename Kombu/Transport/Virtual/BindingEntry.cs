namespace Kombu.Transport.Virtual;

/// <summary>One row of an exchange's binding table: routing key, match pattern and queue.</summary>
/// <remarks>Kombu's binding triple <c>(routing_key, pattern, queue)</c>; headers bindings also keep their arguments.</remarks>
/// <param name="RoutingKey">The binding key.</param>
/// <param name="Pattern">The regex a topic binding matches with (Python syntax), or <see langword="null"/>.</param>
/// <param name="Queue">The bound queue.</param>
/// <param name="Arguments">Binding arguments that take part in matching (headers exchanges), or <see langword="null"/>.</param>
public sealed record BindingEntry(string RoutingKey, string? Pattern, string Queue,
    IReadOnlyDictionary<string, object?>? Arguments = null);
