namespace Kombu.Samples.TaskQueue;

/// <summary>The task exchange and its three priority queues (the example's queues.py).</summary>
public static class TaskQueues
{
    public static Exchange TaskExchange { get; } = new("tasks", "direct");

    public static IReadOnlyList<Queue> All { get; } =
    [
        new Queue("hipri", TaskExchange, routingKey: "hipri"),
        new Queue("midpri", TaskExchange, routingKey: "midpri"),
        new Queue("lopri", TaskExchange, routingKey: "lopri"),
    ];

    public static IReadOnlyDictionary<string, string> PriorityToRoutingKey { get; } = new Dictionary<string, string>
    {
        ["high"] = "hipri", ["mid"] = "midpri", ["low"] = "lopri",
    };
}
