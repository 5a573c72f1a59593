using System.Runtime.CompilerServices;
using Kombu.Transport;
using Kombu.Utils;

namespace Kombu.Simple;

public abstract partial class SimpleBase : IAsyncEnumerable<Message>
{
    /// <summary>Takes the next message, waiting for one to arrive when <paramref name="block"/> is set.</summary>
    /// <param name="block">Wait for a message; false polls once (see <see cref="GetNowait"/>).</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <returns>The message; acknowledge it unless <see cref="NoAck"/> is set.</returns>
    /// <exception cref="EmptyException">No message arrived within <paramref name="timeout"/>, or none was ready without blocking.</exception>
    public Message Get(bool block = true, TimeSpan? timeout = null) => SyncOverAsync.Wait(GetAsync(block, timeout));

    /// <inheritdoc cref="Get"/>
    public async ValueTask<Message> GetAsync(bool block = true, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        if (!block)
            return await GetNowaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_consuming)
        {
            await Consumer.ConsumeAsync(NoAck, cancellationToken).ConfigureAwait(false);
            _consuming = true;
        }
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (_buffer.TryDequeue(out var message))
                return message;
            var remaining = Remaining(started, timeout);
            if (remaining <= TimeSpan.Zero)
                throw new EmptyException();
            try
            {
                await Channel.Transport.Client.DrainEventsAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new EmptyException(Exceptions.ErrorMessages.SimpleQueueEmpty, ex);
            }
        }
    }

    /// <summary>Takes a buffered message, or polls the broker queue once without waiting.</summary>
    /// <returns>The message.</returns>
    /// <exception cref="EmptyException">No message is ready.</exception>
    public Message GetNowait() => SyncOverAsync.Wait(GetNowaitAsync());

    /// <inheritdoc cref="GetNowait"/>
    public async ValueTask<Message> GetNowaitAsync(CancellationToken cancellationToken = default) =>
        _buffer.TryDequeue(out var buffered) ? buffered
            : await Queue.GetAsync(NoAck, Consumer.Accept, cancellationToken).ConfigureAwait(false) ?? throw new EmptyException();

    /// <summary>Yields messages as they arrive, until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops the enumeration (with <see cref="OperationCanceledException"/>).</param>
    /// <returns>The messages, in arrival order.</returns>
    public async IAsyncEnumerable<Message> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await GetAsync(block: true, timeout: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Enumerates messages as they arrive (see <see cref="ReadAllAsync"/>).</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The enumerator.</returns>
    public IAsyncEnumerator<Message> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private static TimeSpan? Remaining(long started, TimeSpan? timeout) =>
        timeout is { } t ? t - TimeProvider.System.GetElapsedTime(started) : null;
}
