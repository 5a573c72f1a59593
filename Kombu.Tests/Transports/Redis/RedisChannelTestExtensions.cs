using Kombu.Transport;
using Kombu.Transport.Virtual;

namespace Kombu.Tests.Transports.Redis;

/// <summary>Small helpers for reaching a virtual channel's QoS from an <see cref="IChannel"/>.</summary>
internal static class RedisChannelTestExtensions
{
    public static QoS QoS(this IChannel channel) => ((VirtualChannel)channel).QoS;
}
