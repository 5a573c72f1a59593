using System.Runtime.CompilerServices;
using Kombu.Utils;

namespace Kombu.Common;

/// <summary>Drains a connection's events as a sequence.</summary>
/// <remarks>Kombu's <c>kombu.common.eventloop</c>.</remarks>
public static class EventLoop
{
    /// <summary>Drains events, yielding after each drain, until <paramref name="limit"/> drains have been made.</summary>
    /// <param name="connection">The connection to drain.</param>
    /// <param name="limit">Most drains; <see langword="null"/> for no limit.</param>
    /// <param name="timeout">How long each drain waits; <see langword="null"/> waits forever.</param>
    /// <param name="ignoreTimeouts">Keep going when a drain times out instead of throwing.</param>
    /// <returns>The number of each drain, from 0; a drain that timed out is yielded too when timeouts are ignored.</returns>
    /// <exception cref="TimeoutException">A drain timed out and <paramref name="ignoreTimeouts"/> is false.</exception>
    public static IEnumerable<int> Run(Connection connection, int? limit = null, TimeSpan? timeout = null,
        bool ignoreTimeouts = false) => SyncOverAsync.Enumerate(RunAsync(connection, limit, timeout, ignoreTimeouts));

    /// <inheritdoc cref="Run"/>
    public static async IAsyncEnumerable<int> RunAsync(Connection connection, int? limit = null, TimeSpan? timeout = null,
        bool ignoreTimeouts = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        for (var i = 0; limit is null || i < limit; i++)
        {
            try
            {
                await connection.DrainEventsAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (ignoreTimeouts)
            {
            }
            yield return i;
        }
    }
}
