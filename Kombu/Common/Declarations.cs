using Kombu.Exceptions;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Common;

/// <summary>Declaring entities at most once per connection.</summary>
/// <remarks>Kombu's <c>kombu.common.maybe_declare</c>.</remarks>
public static class Declarations
{
    /// <summary>Declares an exchange or queue unless this connection already declared an equal one.</summary>
    /// <param name="entity">An <see cref="Exchange"/> or <see cref="Queue"/>.</param>
    /// <param name="channel">The channel to declare on; <see langword="null"/> uses the entity's own.</param>
    /// <param name="retry">Retry on connection errors.</param>
    /// <param name="policy">The retry policy when <paramref name="retry"/> is set.</param>
    /// <returns><see langword="true"/> when it was declared now, <see langword="false"/> when it was cached.</returns>
    /// <exception cref="NotBoundException">No channel was given and the entity is not bound.</exception>
    public static bool MaybeDeclare(MaybeChannelBound entity, IChannel? channel = null, bool retry = false,
        RetryPolicy? policy = null) => SyncOverAsync.Wait(MaybeDeclareAsync(entity, channel, retry, policy));

    /// <inheritdoc cref="MaybeDeclare"/>
    public static async ValueTask<bool> MaybeDeclareAsync(MaybeChannelBound entity, IChannel? channel = null,
        bool retry = false, RetryPolicy? policy = null, CancellationToken cancellationToken = default)
    {
        var ch = channel ?? (entity.IsBound ? entity.Channel : throw new NotBoundException(ErrorMessages.NotBound(entity, "maybe_declare")));
        var client = ch.Transport.Client;
        var cache = entity.CanCacheDeclaration;
        if (cache && client.IsDeclared(entity))
            return false;
        async Task<bool> DeclareAsync(CancellationToken ct)
        {
            if (entity is Exchange exchange)
                await exchange.DeclareAsync(channel: ch, cancellationToken: ct).ConfigureAwait(false);
            else if (entity is Queue queue)
                await queue.DeclareAsync(channel: ch, cancellationToken: ct).ConfigureAwait(false);
            else
                throw new ArgumentException($"Cannot declare {entity.GetType().Name}: only exchanges and queues are declared.", nameof(entity));
            if (cache)
                client.RecordDeclared(entity);
            return true;
        }
        return retry
            ? await client.EnsureAsync(entity, DeclareAsync, policy)(cancellationToken).ConfigureAwait(false)
            : await DeclareAsync(cancellationToken).ConfigureAwait(false);
    }
}
