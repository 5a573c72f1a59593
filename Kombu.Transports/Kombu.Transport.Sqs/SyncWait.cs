namespace Kombu.Transport.Sqs;

/// <summary>Waits on value tasks for the sync twins of the client and channel methods.</summary>
internal static class SyncWait
{
    /// <summary>Blocks until <paramref name="task"/> completes, rethrowing its exception unwrapped.</summary>
    /// <param name="task">The task to wait on.</param>
    public static void Run(ValueTask task)
    {
        if (task.IsCompleted)
            task.GetAwaiter().GetResult();
        else
            task.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Blocks until <paramref name="task"/> completes and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task to wait on.</param>
    /// <returns>The task's result.</returns>
    public static T Run<T>(ValueTask<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : task.AsTask().GetAwaiter().GetResult();
}
