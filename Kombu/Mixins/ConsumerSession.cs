using Kombu.Transport;

namespace Kombu.Mixins;

/// <summary>One consuming session of a <see cref="ConsumerMixin"/>: its connection, channel, consumers and extra context.</summary>
/// <param name="Connection">The session's connection.</param>
/// <param name="Channel">The connection's default channel.</param>
/// <param name="Consumers">The consuming consumers.</param>
internal sealed record ConsumerSession(Connection Connection, IChannel Channel, IReadOnlyList<Consumer> Consumers)
{
    /// <summary>The mixin's extra context, disposed first when the session ends.</summary>
    public IDisposable? Extra { get; set; }
}
