using Kombu.Exceptions;

namespace Kombu.Transport.Virtual;

public abstract partial class VirtualChannel
{
    /// <inheritdoc/>
    /// <exception cref="KombuChannelException">A passive declaration names a missing queue (<c>NOT_FOUND</c>).</exception>
    public async ValueTask<QueueDeclareResult> QueueDeclareAsync(string queue, bool passive = false, bool durable = false,
        bool exclusive = false, bool autoDelete = false, IDictionary<string, object?>? arguments = null, bool nowait = false,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        if (string.IsNullOrEmpty(queue))
            queue = "amq.gen-" + Guid.NewGuid().ToString();
        if (passive)
        {
            if (!await HasQueueAsync(queue, cancellationToken).ConfigureAwait(false))
                throw new KombuChannelException(ErrorMessages.NoQueue(queue, VirtualHost));
        }
        else
        {
            var declaration = new Dictionary<string, object?>(5, StringComparer.Ordinal)
            {
                ["durable"] = durable,
                ["exclusive"] = exclusive,
                ["auto_delete"] = autoDelete,
                ["arguments"] = arguments,
                ["nowait"] = nowait,
            };
            await NewQueueAsync(queue, declaration, cancellationToken).ConfigureAwait(false);
        }
        var size = await SizeAsync(queue, cancellationToken).ConfigureAwait(false);
        return new QueueDeclareResult(queue, size, 0);
    }

    /// <inheritdoc/>
    /// <exception cref="KombuChannelException">The exchange is not declared (<c>NOT_FOUND</c>).</exception>
    public async ValueTask QueueBindAsync(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        exchange = string.IsNullOrEmpty(exchange) ? "amq.direct" : exchange;
        if (State.HasBinding(queue, exchange, routingKey))
            return;
        if (!TryGetOrAddStandardExchange(exchange))
            throw new KombuChannelException(ErrorMessages.NoExchange(exchange, VirtualHost));
        var entry = TypeOf(exchange).PrepareBind(queue, exchange, routingKey, arguments);
        if (State.DeclareBinding(exchange, entry))
            await PersistBindingAsync(exchange, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask QueueUnbindAsync(string queue, string exchange, string routingKey = "",
        IDictionary<string, object?>? arguments = null, bool nowait = false, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        exchange = string.IsNullOrEmpty(exchange) ? "amq.direct" : exchange;
        if (State.DeleteBinding(queue, exchange, routingKey) is { } entry)
            await RemoveBindingAsync(exchange, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<long> QueuePurgeAsync(string queue, bool nowait = false, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        return string.IsNullOrEmpty(queue) ? new ValueTask<long>(0) : PurgeAsync(queue, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Removes the queue's bindings too. Nothing happens when <paramref name="ifEmpty"/> is set and the queue has
    /// messages, or when <paramref name="ifUnused"/> is set and this channel consumes from it.
    /// </remarks>
    public async ValueTask<long> QueueDeleteAsync(string queue, bool ifUnused = false, bool ifEmpty = false,
        bool nowait = false, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var size = await SizeAsync(queue, cancellationToken).ConfigureAwait(false);
        if ((ifEmpty && size > 0) || (ifUnused && HasConsumerFor(queue)))
            return 0;
        foreach (var (exchange, entry) in State.DeleteQueueBindings(queue))
            await RemoveBindingAsync(exchange, entry, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(queue, cancellationToken).ConfigureAwait(false);
        return size;
    }

    /// <summary>Deletes a reply queue once its reply was read, as Kombu's virtual channels do.</summary>
    /// <param name="queue">The reply queue.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async ValueTask AfterReplyMessageReceivedAsync(string queue, CancellationToken cancellationToken = default) =>
        await QueueDeleteAsync(queue, cancellationToken: cancellationToken).ConfigureAwait(false);
}
