namespace Kombu.Transport;

/// <summary>Waits synchronously on value tasks, for the sync twins of async transport methods.</summary>
/// <remarks>The one place a sync public method of a transport blocks on async work.</remarks>
public static class ValueTaskExtensions
{
    /// <summary>Blocks until <paramref name="task"/> completes, rethrowing its exception.</summary>
    /// <param name="task">The task to wait on; it must not be awaited elsewhere.</param>
    public static void WaitSync(this ValueTask task)
    {
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        task.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Blocks until <paramref name="task"/> completes and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task to wait on; it must not be awaited elsewhere.</param>
    /// <returns>The task's result.</returns>
    public static T WaitSync<T>(this ValueTask<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : task.AsTask().GetAwaiter().GetResult();
}
