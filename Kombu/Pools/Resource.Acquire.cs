using Kombu.Exceptions;
using Kombu.Utils;

namespace Kombu.Pools;

public abstract partial class Resource<T>
{
    /// <summary>Takes a resource from the pool, creating one when none is idle and the limit allows.</summary>
    /// <param name="block">When the limit is reached, wait for a release instead of failing.</param>
    /// <param name="timeout">How long to wait when <paramref name="block"/> is set; <see langword="null"/> waits forever.</param>
    /// <returns>The resource; release it (or dispose it) to return it.</returns>
    /// <exception cref="LimitExceededException">The pool is exhausted and <paramref name="block"/> is false, or the wait timed out.</exception>
    public T Acquire(bool block = false, TimeSpan? timeout = null) => SyncOverAsync.Wait(AcquireAsync(block, timeout));

    /// <inheritdoc cref="Acquire"/>
    public async ValueTask<T> AcquireAsync(bool block = false, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        if (TakeSlot(block) is { } waiter)
        {
            try
            {
                await waiter.Task.WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                if (!Abandon(waiter))
                    throw TimedOut(timeout);
            }
            catch (OperationCanceledException)
            {
                if (Abandon(waiter))
                    GiveBackSlot();
                throw;
            }
        }
        var (item, tracked) = TakeIdle();
        try
        {
            item ??= await CreateNewAsync(cancellationToken).ConfigureAwait(false);
            item = await PrepareAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (tracked)
                GiveBackSlot();
            throw;
        }
        return Track(item, tracked);
    }

    private TaskCompletionSource? TakeSlot(bool block)
    {
        lock (_gate)
        {
            if (_limit is not { } limit || (_out < limit && _waiters.Count == 0))
            {
                if (_limit is not null)
                    _out++;
                return null;
            }
            if (!block)
                throw CreateLimitExceeded(ErrorMessages.PoolLimitExceeded(limit));
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.AddLast(waiter);
            return waiter;
        }
    }

    /// <summary>Withdraws a timed-out or cancelled waiter; true when a slot was granted to it meanwhile.</summary>
    private bool Abandon(TaskCompletionSource waiter)
    {
        lock (_gate)
        {
            if (waiter.Task.IsCompleted)
                return true;
            _waiters.Remove(waiter);
            return false;
        }
    }

    private void GiveBackSlot()
    {
        lock (_gate)
            ReleaseSlotLocked();
    }

    private LimitExceededException TimedOut(TimeSpan? timeout) =>
        CreateLimitExceeded(ErrorMessages.PoolLimitTimedOut(Limit ?? 0, timeout ?? TimeSpan.Zero));

    private (T? Item, bool Tracked) TakeIdle()
    {
        lock (_gate)
        {
            var tracked = _limit is not null;
            return (tracked && _idle.Count > 0 ? _idle.Pop() : null, tracked);
        }
    }

    private T Track(T item, bool tracked)
    {
        if (tracked)
        {
            lock (_gate)
                _dirty.Add(item);
        }
        return item;
    }
}
