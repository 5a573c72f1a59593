using Kombu.Celery;

namespace Kombu.Samples.Celery;

/// <summary>Celery both ways in a few lines: a C# worker serving <c>tasks.add</c>, and a client that calls it (or a Python worker).</summary>
public static class CelerySample
{
    /// <summary>Starts a worker on <paramref name="broker"/>, sends <c>tasks.add(2, 3)</c> and returns the result.</summary>
    /// <param name="broker">The broker URL (memory:// runs everything in this process).</param>
    /// <param name="backend">The result backend URL.</param>
    /// <param name="queue">The task queue.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>The result the worker stored: 5.</returns>
    public static async Task<long> RunAsync(string broker, string backend = "rpc://", string queue = "celery",
        CancellationToken cancellationToken = default)
    {
        // Worker: what `celery -A tasks worker -Q celery` does for a Python module, for C# delegates.
        await using var workerApp = new CeleryApp(broker, backend);
        await using var worker = new CeleryWorker(workerApp, new CeleryWorkerOptions { Queues = [queue] })
            .Register("tasks.add", (long x, long y) => x + y);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = worker.RunAsync(stop.Token);
        await worker.Started.WaitAsync(cancellationToken);

        // Client: the same call a Python program makes with app.send_task("tasks.add", (2, 3)).get().
        await using var app = new CeleryApp(broker, backend);
        var result = await app.SendTaskAsync("tasks.add", [2, 3], options: new TaskOptions { Queue = queue }, cancellationToken: cancellationToken);
        var sum = await result.GetAsync<long>(TimeSpan.FromSeconds(10), cancellationToken);

        await stop.CancelAsync();
        await running;
        return sum;
    }
}
