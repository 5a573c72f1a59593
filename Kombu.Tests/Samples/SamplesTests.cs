using Kombu.Samples.Celery;
using Kombu.Samples.SimpleLogger;
using Kombu.Samples.TaskQueue;

namespace Kombu.Tests.Samples;

/// <summary>Runs the user guide's two runnable examples, ported under tools/samples, on memory://.</summary>
[NonParallelizable]
[Category("Unit")]
public sealed class SamplesTests
{
    [Test]
    public void TaskQueue_ClientSendsHelloTask_WorkerRunsIt()
    {
        using var connection = new Connection("memory://");
        var output = new StringWriter();

        TaskClient.SendAsTask(connection, "tasks.hello_task", kwargs: new Dictionary<string, object?> { ["who"] = "Kombu" }, priority: "high");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        new Worker(connection, output, stopAfter: 1).Run(guard.Token);

        Assert.That(output.ToString(), Does.Contain("Got task: tasks.hello_task").And.Contain("Hello Kombu"));
    }

    [Test]
    public void SimpleLogger_LogThenProcess_DeliversEntry()
    {
        using var connection = new Connection("memory://");
        using var logger = new Logger(connection, queueName: $"log_queue-{Guid.NewGuid():N}");
        string? line = null;

        logger.Log("Error happened while encoding video", level: "ERROR",
            context: new Dictionary<string, object?> { ["filename"] = "cutekitten.mpg" });
        logger.Process(entry => line = Logger.Format(entry), n: 1, timeout: TimeSpan.FromSeconds(5));

        Assert.That(line, Does.Contain("ERROR] Error happened while encoding video {'filename': 'cutekitten.mpg'}"));
    }

    [Test]
    public async Task Celery_WorkerAndClient_AddReturnsFive() =>
        Assert.That(await CelerySample.RunAsync("memory://", queue: $"celery-{Guid.NewGuid():N}"), Is.EqualTo(5L));
}
