using Microsoft.Extensions.Hosting;

namespace Kombu.Celery.Hosting;

/// <summary>Runs a <see cref="CeleryWorker"/> as a hosted service: started with the host, stopped gracefully with it.</summary>
/// <remarks>
/// Host shutdown cancels the worker, which stops consuming, gives reserved tasks back and lets running ones finish
/// (within the host's shutdown timeout), as SIGTERM does to a Celery worker.
/// </remarks>
public sealed class CeleryWorkerService : BackgroundService
{
    /// <summary>Creates the service.</summary>
    /// <param name="worker">The worker to run.</param>
    public CeleryWorkerService(CeleryWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        Worker = worker;
    }

    /// <summary>The worker.</summary>
    public CeleryWorker Worker { get; }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Worker.RunAsync(stoppingToken);
}
