using Kombu.Transport;

namespace Kombu;

/// <summary>An object that can continue on a new channel after the connection was re-established.</summary>
/// <remarks>What Kombu's <c>Connection.ensure</c> calls <c>revive(channel)</c> on.</remarks>
public interface IRevivable
{
    /// <summary>Continues on <paramref name="channel"/> after a reconnect (redeclaring what it needs there).</summary>
    /// <param name="channel">The new channel.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the object is ready on the new channel.</returns>
    ValueTask ReviveAsync(IChannel channel, CancellationToken cancellationToken = default);
}
