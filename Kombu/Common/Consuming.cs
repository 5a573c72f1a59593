using System.Runtime.CompilerServices;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Common;

/// <summary>Iterates over the messages arriving on a queue.</summary>
/// <remarks>Holds Kombu's <c>kombu.common.itermessages</c>.</remarks>
public static class Consuming
{
    /// <summary>Consumes a queue and yields each (body, message) as it arrives, for up to <paramref name="limit"/> drains.</summary>
    /// <param name="connection">The connection to drain.</param>
    /// <param name="channel">The channel to consume on.</param>
    /// <param name="queue">The queue.</param>
    /// <param name="limit">Most drains (default 1); <see langword="null"/> for no limit.</param>
    /// <param name="timeout">How long each drain waits; a drain that times out yields nothing.</param>
    /// <param name="callbacks">More callbacks, called after the one that collects messages.</param>
    /// <param name="noAck">Consume without acknowledgements.</param>
    /// <param name="accept">Content types to accept.</param>
    /// <returns>The received (body, message) pairs.</returns>
    public static IEnumerable<(object? Body, Message Message)> IterMessages(Connection connection, IChannel channel,
        Queue queue, int? limit = 1, TimeSpan? timeout = null, IEnumerable<Action<object?, Message>>? callbacks = null,
        bool noAck = false, IEnumerable<string>? accept = null) =>
        SyncOverAsync.Enumerate(IterMessagesAsync(connection, channel, queue, limit, timeout, callbacks, noAck,
            accept));

    /// <inheritdoc cref="IterMessages"/>
    public static async IAsyncEnumerable<(object? Body, Message Message)> IterMessagesAsync(Connection connection,
        IChannel channel, Queue queue, int? limit = 1, TimeSpan? timeout = null,
        IEnumerable<Action<object?, Message>>? callbacks = null, bool noAck = false, IEnumerable<string>? accept = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var received = new Queue<(object?, Message)>();
        var consumer = await StartAsync(channel, queue, received, callbacks, noAck, accept, cancellationToken)
            .ConfigureAwait(false);
        await using (consumer.ConfigureAwait(false))
        {
            await foreach (var _ in EventLoop.RunAsync(connection, limit, timeout, ignoreTimeouts: true,
                cancellationToken).ConfigureAwait(false))
            {
                if (received.TryDequeue(out var item))
                    yield return item;
            }
        }
    }

    private static async ValueTask<Consumer> StartAsync(IChannel channel, Queue queue, Queue<(object?, Message)> received,
        IEnumerable<Action<object?, Message>>? callbacks, bool noAck, IEnumerable<string>? accept,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(queue);
        Action<object?, Message> collect = (body, message) => received.Enqueue((body, message));
        var consumer = new Consumer(channel, [queue], noAck, autoDeclare: false, callbacks: [collect, .. callbacks ?? []],
            accept: accept);
        await consumer.DeclareAsync(cancellationToken).ConfigureAwait(false);
        await consumer.ConsumeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return consumer;
    }
}
