using Kombu.Mixins;
using Kombu.Transport;

namespace Kombu.Samples.TaskQueue;

/// <summary>Consumes the task queues and runs each task (the example's worker.py).</summary>
public sealed class Worker(Connection connection, TextWriter output, int? stopAfter = null) : ConsumerMixin
{
    private int _done;

    public override Connection Connection => connection;

    public override IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel) =>
        [factory(TaskQueues.All, [ProcessTask], accept: ["json"])];

    private void ProcessTask(object? body, Message message)
    {
        var task = (IDictionary<string, object?>)body!;
        var fun = (string)task["fun"]!;
        var args = (IReadOnlyList<object?>)task["args"]!;
        var kwargs = (IReadOnlyDictionary<string, object?>)(IDictionary<string, object?>)task["kwargs"]!;
        output.WriteLine($"Got task: {fun}");
        try
        {
            output.WriteLine(Tasks.Registry[fun](args, kwargs.ToDictionary()));
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidCastException)
        {
            output.WriteLine($"task raised exception: {ex.Message}");
        }
        message.Ack();
        if (++_done >= stopAfter)
            ShouldStop = true;
    }
}
