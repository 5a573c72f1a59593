using System.Runtime.CompilerServices;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Common;

/// <summary>Iterates over the messages arriving on a queue or a consumer.</summary>
/// <remarks>Holds Kombu's <c>kombu.common.itermessages</c> and <c>kombu.common.drain_consumer</c>.</remarks>
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
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(queue);
        var consumer = new Consumer(channel, [queue], noAck, autoDeclare: false, accept: accept);
        await consumer.DeclareAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in DrainAsync(connection, consumer, limit, timeout, callbacks, cancellationToken)
            .ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Starts a consumer and yields each (body, message) it receives, for up to <paramref name="limit"/> drains; cancels it at the end.</summary>
    /// <param name="consumer">The consumer; its callbacks are replaced by the one that collects messages and <paramref name="callbacks"/>.</param>
    /// <param name="limit">Most drains (default 1); <see langword="null"/> for no limit.</param>
    /// <param name="timeout">How long each drain waits; a drain that times out yields nothing.</param>
    /// <param name="callbacks">More callbacks, called after the one that collects messages.</param>
    /// <returns>The received (body, message) pairs.</returns>
    /// <remarks>Kombu's <c>kombu.common.drain_consumer</c>; it drains the connection of the consumer's channel.</remarks>
    public static IEnumerable<(object? Body, Message Message)> DrainConsumer(Consumer consumer, int? limit = 1,
        TimeSpan? timeout = null, IEnumerable<Action<object?, Message>>? callbacks = null) =>
        SyncOverAsync.Enumerate(DrainConsumerAsync(consumer, limit, timeout, callbacks));

    /// <inheritdoc cref="DrainConsumer"/>
    /// <param name="consumer">The consumer; its callbacks are replaced by the one that collects messages and <paramref name="callbacks"/>.</param>
    /// <param name="limit">Most drains (default 1); <see langword="null"/> for no limit.</param>
    /// <param name="timeout">How long each drain waits; a drain that times out yields nothing.</param>
    /// <param name="callbacks">More callbacks, called after the one that collects messages.</param>
    /// <param name="cancellationToken">Stops the iteration.</param>
    public static IAsyncEnumerable<(object? Body, Message Message)> DrainConsumerAsync(Consumer consumer, int? limit = 1,
        TimeSpan? timeout = null, IEnumerable<Action<object?, Message>>? callbacks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return DrainAsync(consumer.Channel.Transport.Client, consumer, limit, timeout, callbacks, cancellationToken);
    }

    private static async IAsyncEnumerable<(object? Body, Message Message)> DrainAsync(Connection connection,
        Consumer consumer, int? limit, TimeSpan? timeout, IEnumerable<Action<object?, Message>>? callbacks,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var received = Collect(consumer, callbacks);
        await consumer.ConsumeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
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

    private static Queue<(object?, Message)> Collect(Consumer consumer, IEnumerable<Action<object?, Message>>? callbacks)
    {
        var received = new Queue<(object?, Message)>();
        consumer.ClearCallbacks();
        consumer.RegisterCallback((body, message) => received.Enqueue((body, message)));
        foreach (var callback in callbacks ?? [])
            consumer.RegisterCallback(callback);
        return received;
    }
}
