namespace Kombu.Celery;

public sealed partial class CeleryWorker
{
    /// <summary>The requests received and not yet running (eta tasks included).</summary>
    public IReadOnlyList<TaskContext> ReservedRequests => [.. _reserved.Keys];

    /// <summary>The ids revoked on this worker (by remote control, or because they expired).</summary>
    public IReadOnlyCollection<string> RevokedIds => [.. _revoked.Keys];

    /// <summary>Revokes tasks here: they will not run; with <paramref name="terminate"/>, running ones are cancelled.</summary>
    /// <param name="taskIds">The task ids.</param>
    /// <param name="terminate">Cancel the tokens of running ones (the handler should stop; its task is then REVOKED).</param>
    /// <returns>The ids of the running tasks that were cancelled.</returns>
    public IReadOnlyList<string> Revoke(IEnumerable<string> taskIds, bool terminate = false)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        var ids = taskIds.ToHashSet(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        foreach (var id in ids)
            _revoked[id] = now;
        var terminated = new List<string>();
        if (!terminate)
            return terminated;
        foreach (var (request, cancel) in _active)
        {
            if (!ids.Contains(request.Id))
                continue;
            try
            {
                cancel.Cancel();
                terminated.Add(request.Id);
            }
            catch (ObjectDisposedException)
            {
            }
        }
        return terminated;
    }

    /// <summary>What <c>inspect stats</c> reports: totals per task, pid, clock, uptime, pool and broker.</summary>
    /// <returns>The map, shaped like Celery's.</returns>
    public Dictionary<string, object?> Stats()
    {
        var connection = App.Connection;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["total"] = _totals.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
            ["pid"] = (long)Environment.ProcessId,
            ["clock"] = App.Clock.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["uptime"] = (long)(DateTimeOffset.UtcNow - _created).TotalSeconds,
            ["pool"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["implementation"] = "kombu.celery:tasks",
                ["max-concurrency"] = (long)Options.Concurrency,
                ["processes"] = new List<object?> { (long)Environment.ProcessId },
                ["timeouts"] = new List<object?> { Options.SoftTimeLimit?.TotalSeconds ?? 0.0, Options.TimeLimit?.TotalSeconds ?? 0.0 },
            },
            ["prefetch_count"] = (long)(PrefetchBase + _etaHeld),
            ["broker"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["hostname"] = connection.Hostname,
                ["port"] = connection.Port is { } port ? (long)port : null,
                ["userid"] = connection.UserId,
                ["virtual_host"] = connection.VirtualHost,
                ["transport"] = connection.TransportName,
            },
            ["rusage"] = "N/A",
        };
    }

    /// <summary>A remote <c>shutdown</c>: stop gracefully.</summary>
    internal void StopFromRemote()
    {
        _logger.LogRemoteShutdown();
        Stop();
    }
}
