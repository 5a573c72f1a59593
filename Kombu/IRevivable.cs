using Kombu.Transport;

namespace Kombu;

/// <summary>An object that can continue on a new channel after the connection was re-established.</summary>
/// <remarks>What Kombu's <c>Connection.ensure</c> calls <c>revive(channel)</c> on.</remarks>
public interface IRevivable
{
    /// <summary>Continues on <paramref name="channel"/> after a reconnect.</summary>
    /// <param name="channel">The new channel.</param>
    void Revive(IChannel channel);
}
