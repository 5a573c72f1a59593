using Kombu.Common;
using Kombu.Pools;

namespace Kombu.Samples.TaskQueue;

/// <summary>Sends tasks through the global producer pool (the example's client.py).</summary>
public static class TaskClient
{
    public static void SendAsTask(Connection connection, string fun, IReadOnlyList<object?>? args = null,
        IReadOnlyDictionary<string, object?>? kwargs = null, string priority = "mid")
    {
        var payload = new Dictionary<string, object?> { ["fun"] = fun, ["args"] = args ?? [], ["kwargs"] = kwargs ?? new Dictionary<string, object?>() };
        var routingKey = TaskQueues.PriorityToRoutingKey[priority];
        using var producer = PoolGroups.Producers[connection].Acquire(block: true);
        Declarations.MaybeDeclare(TaskQueues.TaskExchange, producer.Channel);
        // Declaring the queues too means a task sent before any worker started is kept, not dropped.
        producer.Publish(payload, serializer: "json", compression: "bzip2", routingKey: routingKey,
            exchange: TaskQueues.TaskExchange.Name, declare: TaskQueues.All);
    }
}
