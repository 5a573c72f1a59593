namespace Kombu.Samples.TaskQueue;

/// <summary>The functions a worker may run, by name (the example's tasks.py; JSON carries names, not functions).</summary>
public static class Tasks
{
    public static IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, string>> Registry { get; } =
        new Dictionary<string, Func<IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, string>>
        {
            ["tasks.hello_task"] = (_, kwargs) => $"Hello {(kwargs.TryGetValue("who", out var who) ? who : "world")}",
        };
}
