using Kombu.Celery.Wire;

namespace Kombu.Celery.Worker;

/// <summary>The remote-control commands a worker answers on the <c>celery</c> mailbox, with Celery's reply shapes.</summary>
/// <remarks>Celery's <c>celery.worker.control</c>: <c>ping</c>, <c>stats</c>, <c>registered</c>, <c>active</c>, <c>reserved</c>,
/// <c>scheduled</c>, <c>revoked</c>, <c>revoke</c>, <c>terminate</c>, <c>shutdown</c>, <c>clock</c>, <c>hello</c>.</remarks>
internal static class RemoteControl
{
    /// <summary>The handlers for one worker.</summary>
    public static Dictionary<string, Func<object?, IDictionary<string, object?>, object?>> Handlers(CeleryWorker worker) =>
        new(StringComparer.Ordinal)
        {
            ["ping"] = (_, _) => Ok("pong"),
            ["stats"] = (_, _) => worker.Stats(),
            ["registered"] = (_, _) => worker.RegisteredTasks.ToList<object?>(),
            ["active"] = (_, _) => worker.ActiveRequests.Select(r => (object?)r.Info()).ToList(),
            ["reserved"] = (_, _) => worker.ReservedRequests.Where(r => r.Eta is null).Select(r => (object?)r.Info()).ToList(),
            ["scheduled"] = (_, _) => worker.ReservedRequests.Where(r => r.Eta is not null).Select(r => (object?)new Dictionary<string, object?>
            {
                ["eta"] = WireValues.IsoFormat(r.Eta!.Value),
                ["priority"] = r.DeliveryInfo.GetValueOrDefault("priority"),
                ["request"] = r.Info(),
            }).ToList(),
            ["revoked"] = (_, _) => worker.RevokedIds.ToList<object?>(),
            ["revoke"] = (_, args) => Revoke(worker, args.Get("task_id"), WireValues.ToBool(args.Get("terminate"))),
            ["terminate"] = (_, args) => Revoke(worker, args.Get("task_id"), terminate: true),
            ["shutdown"] = (_, _) =>
            {
                worker.StopFromRemote();
                return Ok("shutting down");
            },
            ["clock"] = (_, _) => new Dictionary<string, object?> { ["clock"] = worker.App.Clock.Value },
            ["hello"] = (_, args) => args.Get("from_node") as string == worker.Hostname
                ? null
                : new Dictionary<string, object?>
                {
                    ["revoked"] = worker.RevokedIds.ToDictionary(id => id, _ => (object?)0.0),
                    ["clock"] = worker.App.Clock.Forward(),
                },
        };

    private static Dictionary<string, object?> Ok(string text) => new(StringComparer.Ordinal) { ["ok"] = text };

    private static Dictionary<string, object?> Revoke(CeleryWorker worker, object? taskId, bool terminate)
    {
        var ids = taskId is string one ? [one] : (WireValues.ToList(taskId) ?? []).OfType<string>().ToList();
        var terminated = worker.Revoke(ids, terminate);
        if (terminate)
            return Ok(terminated.Count == 0 ? "terminate: tasks unknown" : "terminate: " + string.Join(", ", terminated));
        return Ok($"tasks {string.Join(", ", ids)} flagged as revoked");
    }
}
