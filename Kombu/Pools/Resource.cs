using Kombu.Exceptions;
using Kombu.Utils;

namespace Kombu.Pools;

/// <summary>A thread-safe pool that hands out at most <see cref="Limit"/> resources at once, reusing the last released first.</summary>
/// <typeparam name="T">The pooled resource.</typeparam>
/// <remarks>
/// Kombu's <c>kombu.resource.Resource</c>. With no limit (<see langword="null"/> or 0) every acquire creates a new
/// resource and every release closes it. Subclasses call <see cref="Setup"/> at the end of their constructor.
/// </remarks>
public abstract class Resource<T> : IResourcePool where T : class
{
    private readonly Lock _gate = new();
    private readonly Stack<T> _idle = new();
    private readonly HashSet<T> _dirty = new(ReferenceEqualityComparer.Instance);
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private int _out;
    private int? _limit;

    /// <summary>Initializes the pool's limits; resources are made by <see cref="Setup"/> and on demand.</summary>
    /// <param name="limit">Most resources out at once; <see langword="null"/> or 0 for no pooling.</param>
    /// <param name="preload">How many resources <see cref="Setup"/> creates in advance (at most <paramref name="limit"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> or <paramref name="preload"/> is negative.</exception>
    protected Resource(int? limit, int? preload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        ArgumentOutOfRangeException.ThrowIfNegative(preload ?? 0, nameof(preload));
        _limit = limit is 0 ? null : limit;
        Preload = Math.Min(preload ?? 0, _limit ?? 0);
    }

    /// <inheritdoc/>
    public int? Limit
    {
        get
        {
            lock (_gate)
                return _limit;
        }
    }

    /// <summary>How many resources were created in advance.</summary>
    public int Preload { get; }

    /// <inheritdoc/>
    public int InUseCount
    {
        get
        {
            lock (_gate)
                return _dirty.Count;
        }
    }

    /// <summary>How many released resources wait in the pool for reuse.</summary>
    public int IdleCount
    {
        get
        {
            lock (_gate)
                return _idle.Count;
        }
    }

    /// <summary>Releases a resource: back to the pool when it came from it, otherwise closed.</summary>
    /// <param name="resource">The acquired resource; releasing it twice does nothing.</param>
    public void Release(T resource) => SyncOverAsync.Wait(ReleaseAsync(resource));

    /// <inheritdoc cref="Release"/>
    public async ValueTask ReleaseAsync(T resource, CancellationToken cancellationToken = default)
    {
        await OnReleasingAsync(resource, cancellationToken).ConfigureAwait(false);
        if (Recycle(resource) is { } toClose)
            await CloseResourceAsync(toClose, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void ForceCloseAll() => SyncOverAsync.Wait(ForceCloseAllAsync());

    /// <inheritdoc/>
    public async ValueTask ForceCloseAllAsync(CancellationToken cancellationToken = default)
    {
        List<T> all;
        lock (_gate)
        {
            all = [.. _dirty, .. _idle];
            _dirty.Clear();
            _idle.Clear();
            _out = 0;
            GrantWaitersLocked();
        }
        foreach (var resource in all)
            await CloseResourceAsync(resource, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Resize(int? limit, bool force = false) => SyncOverAsync.Wait(ResizeAsync(limit, force));

    /// <inheritdoc/>
    public async ValueTask ResizeAsync(int? limit, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        var newLimit = limit is 0 ? null : limit;
        var extras = new List<T>();
        bool reset;
        lock (_gate)
        {
            var shrinking = newLimit is { } n && (_limit is null || n < _limit);
            reset = shrinking && _dirty.Count > 0;
            if (reset && !force)
                throw new InvalidOperationException(ErrorMessages.CannotShrinkInUse(_limit, newLimit!.Value));
            _limit = newLimit;
            while (_idle.Count > (newLimit ?? 0))
                extras.Add(_idle.Pop());
            if (!reset)
                GrantWaitersLocked();
        }
        foreach (var resource in extras)
            await CloseResourceAsync(resource, cancellationToken).ConfigureAwait(false);
        if (reset)
            await ForceCloseAllAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the preloaded resources; subclasses call it once at the end of their constructor.</summary>
    protected void Setup() => SyncOverAsync.Wait(SetupAsync());

    private async ValueTask SetupAsync()
    {
        var made = new List<T>(Preload);
        for (var i = 0; i < Preload; i++)
            made.Add(await CreatePreloadedAsync(CancellationToken.None).ConfigureAwait(false));
        lock (_gate)
        {
            foreach (var resource in made)
                _idle.Push(resource);
        }
    }

    /// <summary>Creates a new resource.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The resource.</returns>
    /// <remarks>Kombu's <c>Resource.new</c>.</remarks>
    protected abstract ValueTask<T> CreateNewAsync(CancellationToken cancellationToken);

    /// <summary>Creates a resource for <see cref="Setup"/>'s preloading.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The resource, ready to use.</returns>
    protected virtual ValueTask<T> CreatePreloadedAsync(CancellationToken cancellationToken) => CreateNewAsync(cancellationToken);

    /// <summary>Makes a resource taken from the pool ready to hand out.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The resource to hand out (possibly a replacement).</returns>
    protected virtual ValueTask<T> PrepareAsync(T resource, CancellationToken cancellationToken) => new(resource);

    /// <summary>Called on every release before the resource goes back to the pool; the default does nothing.</summary>
    /// <param name="resource">The released resource.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the resource is ready to go back.</returns>
    protected virtual ValueTask OnReleasingAsync(T resource, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Closes a resource that leaves the pool.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the resource is closed.</returns>
    protected abstract ValueTask CloseResourceAsync(T resource, CancellationToken cancellationToken);

    /// <summary>Creates the error raised when the pool is exhausted.</summary>
    /// <param name="message">The error text.</param>
    /// <returns>The exception; Kombu's <c>Resource.LimitExceeded</c>.</returns>
    protected virtual LimitExceededException CreateLimitExceeded(string message) => new(message);

    private T? Recycle(T resource)
    {
        lock (_gate)
        {
            if (_dirty.Remove(resource))
            {
                ReleaseSlotLocked();
                if (_limit is null)
                    return resource;
                _idle.Push(resource);
                return null;
            }
            return _idle.Contains(resource, ReferenceEqualityComparer.Instance) ? null : resource;
        }
    }

    private void ReleaseSlotLocked()
    {
        if (_out > 0)
            _out--;
        GrantWaitersLocked();
    }

    private void GrantWaitersLocked()
    {
        while (_waiters.First is { } first && (_limit is null || _out < _limit))
        {
            _waiters.RemoveFirst();
            if (_limit is not null)
                _out++;
            first.Value.TrySetResult();
        }
    }

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
