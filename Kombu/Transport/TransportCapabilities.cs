namespace Kombu.Transport;

/// <summary>What a transport can do, for callers that adapt to it.</summary>
/// <remarks>Kombu's <c>Transport.implements</c>.</remarks>
/// <param name="ExchangeTypes">Exchange types the transport routes (direct, topic, fanout, headers).</param>
/// <param name="Heartbeats">Whether the transport sends connection heartbeats.</param>
/// <param name="Priorities">Whether message priority affects delivery order.</param>
/// <param name="BrokerAutoDelete">
/// Whether the broker itself deletes an auto-delete queue when its last consumer goes (AMQP); virtual transports
/// emulate it instead, deleting reply queues in <see cref="IChannel.AfterReplyMessageReceivedAsync"/>.
/// </param>
public sealed record TransportCapabilities(IReadOnlySet<string> ExchangeTypes, bool Heartbeats = false, bool Priorities = false,
    bool BrokerAutoDelete = false)
{
    /// <summary>Whether <paramref name="exchangeType"/> is routed by this transport.</summary>
    /// <param name="exchangeType">An exchange type name.</param>
    /// <returns><see langword="true"/> when supported.</returns>
    public bool SupportsExchangeType(string exchangeType) => ExchangeTypes.Contains(exchangeType);
}
