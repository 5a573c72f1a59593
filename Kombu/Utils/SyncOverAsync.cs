namespace Kombu.Utils;

/// <summary>The one place where a synchronous public method of the front door waits for its asynchronous twin.</summary>
/// <remarks>
/// Below the front door (channels, transports, virtual storage hooks) everything is asynchronous; each sync method
/// (<c>Producer.Publish</c>, <c>Connection.DrainEvents</c>, <c>Message.Ack</c>…) calls its <c>…Async</c> twin and waits
/// here, once. A task that already completed (the memory transport, a publish the driver buffered) is read without
/// allocating; an unfinished one is spun on briefly, since the driver's writer loop usually finishes within
/// microseconds, and only then blocks the thread. Library code awaits with <c>ConfigureAwait(false)</c>, so waiting
/// here never needs the caller's synchronization context. See <c>docs/sync-over-async.md</c>.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits",
    Justification = "The one documented place where a sync front-door method blocks on its async twin; library awaits use ConfigureAwait(false), so no captured context can deadlock it.")]
internal static class SyncOverAsync
{
    private const int SpinCount = 20;

    /// <summary>Blocks until <paramref name="task"/> completes, rethrowing its exception unwrapped.</summary>
    /// <param name="task">The task to wait on; it must not be awaited elsewhere.</param>
    public static void Wait(ValueTask task)
    {
        if (task.IsCompleted || SpinUntilCompleted(task, static t => t.IsCompleted))
            task.GetAwaiter().GetResult();
        else
            task.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Blocks until <paramref name="task"/> completes and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task to wait on; it must not be awaited elsewhere.</param>
    /// <returns>The task's result.</returns>
    public static T Wait<T>(ValueTask<T> task) =>
        task.IsCompleted || SpinUntilCompleted(task, static t => t.IsCompleted)
            ? task.GetAwaiter().GetResult()
            : task.AsTask().GetAwaiter().GetResult();

    /// <summary>Blocks until <paramref name="task"/> completes, rethrowing its exception unwrapped.</summary>
    /// <param name="task">The task to wait on.</param>
    public static void Wait(Task task) => task.GetAwaiter().GetResult();

    /// <summary>Blocks until <paramref name="task"/> completes and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task to wait on.</param>
    /// <returns>The task's result.</returns>
    public static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>Enumerates an asynchronous sequence synchronously, waiting for each item here.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The sequence; it is disposed when the enumeration ends.</param>
    /// <returns>The items, one at a time.</returns>
    public static IEnumerable<T> Enumerate<T>(IAsyncEnumerable<T> source)
    {
        var enumerator = source.GetAsyncEnumerator();
        try
        {
            while (Wait(enumerator.MoveNextAsync()))
                yield return enumerator.Current;
        }
        finally
        {
            Wait(enumerator.DisposeAsync());
        }
    }

    // Yielding the core a few times is far cheaper than blocking on a task and waking the thread again when the work
    // is about to finish on another thread (an AMQP publish waiting for the driver's writer loop).
    private static bool SpinUntilCompleted<TTask>(TTask task, Func<TTask, bool> isCompleted)
    {
        var spinner = default(SpinWait);
        for (var i = 0; i < SpinCount; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (isCompleted(task))
                return true;
        }
        return false;
    }
}
