namespace Kombu.Transport.Virtual;

/// <summary>Identifies a binding in a <see cref="BrokerState"/>: queue, exchange and routing key.</summary>
/// <remarks>Kombu's <c>binding_key_t</c>; as in Kombu, binding arguments do not take part in the identity.</remarks>
/// <param name="Queue">The bound queue.</param>
/// <param name="Exchange">The exchange.</param>
/// <param name="RoutingKey">The binding key.</param>
public readonly record struct BindingKey(string Queue, string Exchange, string RoutingKey);
