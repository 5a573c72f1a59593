namespace Kombu;

/// <summary>Waits synchronously for a value task: the one place a sync public method blocks on async work.</summary>
internal static class ValueTaskSync
{
    public static void Wait(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
            return;
        task.AsTask().GetAwaiter().GetResult();
    }

    public static T Wait<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
}
