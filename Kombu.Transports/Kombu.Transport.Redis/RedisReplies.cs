using Kombu.Exceptions;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

/// <summary>Awaits commands, raising the replies of a server that cannot take writes now as connection errors.</summary>
/// <remarks>
/// <c>READONLY</c> (the server was demoted to a replica), <c>NOREPLICAS</c> (<c>min-replicas-to-write</c> during a
/// failover), <c>MASTERDOWN</c>, <c>LOADING</c> and <c>UNBLOCKED</c> pass once the client reaches the new master, so
/// they are raised as <see cref="KombuConnectionException"/>, which <c>Ensure</c> retries after reconnecting and a
/// <c>ConsumerMixin</c> recovers from, as redis-py's Sentinel connections raise <c>READONLY</c> as a connection error.
/// </remarks>
internal static class RedisReplies
{
    /// <summary>Awaits a command.</summary>
    /// <param name="command">The command's task.</param>
    /// <returns>A task that completes with the command.</returns>
    /// <exception cref="KombuConnectionException">The server cannot take the command now.</exception>
    public static async Task GuardAsync(Task command)
    {
        try
        {
            await command.ConfigureAwait(false);
        }
        catch (RedisServerException ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>Awaits a command and returns its reply.</summary>
    /// <typeparam name="T">The reply type.</typeparam>
    /// <param name="command">The command's task.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="KombuConnectionException">The server cannot take the command now.</exception>
    public static async Task<T> GuardAsync<T>(Task<T> command)
    {
        try
        {
            return await command.ConfigureAwait(false);
        }
        catch (RedisServerException ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>The error to raise for a server error reply: a connection error when the server cannot take writes now.</summary>
    /// <param name="error">The reply.</param>
    /// <returns>A <see cref="KombuConnectionException"/>, or <paramref name="error"/> itself.</returns>
    public static Exception Translate(RedisServerException error) =>
        RespConnection.IsRoleChange(error.Message)
            ? new KombuConnectionException(RedisMessages.ServerChangedRole(error.Message), error)
            : error;
}
