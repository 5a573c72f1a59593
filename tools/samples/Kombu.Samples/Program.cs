using Kombu;
using Kombu.Samples.Celery;
using Kombu.Samples.SimpleLogger;
using Kombu.Samples.TaskQueue;

// Usage: dotnet run --project tools/samples/Kombu.Samples -- (taskqueue | logger | celery) [URL]
var mode = args.Length > 0 ? args[0] : "taskqueue";
var url = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("KOMBU_URL") ?? "memory://";
using var connection = new Connection(url);
switch (mode)
{
    case "taskqueue":
        TaskClient.SendAsTask(connection, "tasks.hello_task", kwargs: new Dictionary<string, object?> { ["who"] = "Kombu" });
        new Worker(connection, Console.Out, stopAfter: 1).Run();
        return 0;
    case "logger":
        using (var logger = new Logger(connection))
        {
            logger.Log("Error happened while encoding video", level: "ERROR",
                context: new Dictionary<string, object?> { ["filename"] = "cutekitten.mpg" });
            logger.Process(entry => Console.WriteLine(Logger.Format(entry)), n: 1);
        }
        return 0;
    case "celery":
        Console.WriteLine($"tasks.add(2, 3) = {await CelerySample.RunAsync(url)}");
        return 0;
    default:
        Console.Error.WriteLine("usage: Kombu.Samples (taskqueue | logger | celery) [URL]");
        return 2;
}
