namespace Kombu.Transport;

/// <summary>What a transport can do, for callers that adapt to it.</summary>
/// <remarks>Kombu's <c>Transport.implements</c>.</remarks>
/// <param name="ExchangeTypes">Exchange types the transport routes (direct, topic, fanout, headers).</param>
/// <param name="Heartbeats">Whether the transport sends connection heartbeats.</param>
/// <param name="Priorities">Whether message priority affects delivery order.</param>
public sealed record TransportCapabilities(IReadOnlySet<string> ExchangeTypes, bool Heartbeats = false, bool Priorities = false)
{
    /// <summary>Whether <paramref name="exchangeType"/> is routed by this transport.</summary>
    /// <param name="exchangeType">An exchange type name.</param>
    /// <returns><see langword="true"/> when supported.</returns>
    public bool SupportsExchangeType(string exchangeType) => ExchangeTypes.Contains(exchangeType);
}
