namespace Kombu.Transport.Amqp;

/// <summary>Waits on the tasks of RabbitMQ.Client (an async-only driver) for the sync twins of the transport methods.</summary>
internal static class SyncWait
{
    /// <summary>Blocks until <paramref name="task"/> completes, rethrowing its exception unwrapped.</summary>
    /// <param name="task">The task to wait on.</param>
    public static void Run(ValueTask task)
    {
        if (task.IsCompleted || SpinUntilCompleted(task))
            task.GetAwaiter().GetResult();
        else
            task.AsTask().GetAwaiter().GetResult();
    }

    // The driver's writer loop usually frees a full outgoing frame channel within microseconds: spinning briefly
    // (yielding the core) is far cheaper than blocking the thread on a task and waking it again.
    private static bool SpinUntilCompleted(ValueTask task)
    {
        var spinner = default(SpinWait);
        for (var i = 0; i < 20; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (task.IsCompleted)
                return true;
        }
        return false;
    }

    /// <summary>Blocks until <paramref name="task"/> completes and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The task to wait on.</param>
    /// <returns>The task's result.</returns>
    public static T Run<T>(ValueTask<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : task.AsTask().GetAwaiter().GetResult();
}
