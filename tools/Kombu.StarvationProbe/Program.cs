// The thread-starvation probe (issue 17): started by Kombu.Tests' ThreadStarvationTests as a child process, so that
// capping its thread pool at 4 threads cannot starve the test runner.
//   Kombu.StarvationProbe URL QUEUE CALLERS
// It connects CALLERS producers through URL (a fault proxy), prints "ready", waits for "go" on stdin (the test then
// cuts the broker off), starts CALLERS concurrent PublishAsync(retry: true) calls and one more call that it cancels
// after 3 s, prints "cancelled <ms>" (time from Cancel to the call's end) and, once every publish has completed,
// "done <count>". Any failure prints "error <message>" and exits 1.
using System.Diagnostics;
using Kombu;

if (!ThreadPool.SetMinThreads(1, 1) || !ThreadPool.SetMaxThreads(4, 4))
{
    Console.WriteLine("error cannot cap the thread pool");
    return 1;
}
var url = args[0];
var queue = args[1];
var callers = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var policy = new RetryPolicy { IntervalStart = TimeSpan.FromMilliseconds(500), IntervalStep = TimeSpan.FromMilliseconds(500), IntervalMax = TimeSpan.FromSeconds(1) };
var connections = new List<Connection>();
try
{
    var producers = new List<Producer>();
    for (var i = 0; i <= callers; i++)
    {
        // Publisher confirms: a publish the reset connection swallowed is not counted as done.
        var connection = new Connection(url, connectTimeout: TimeSpan.FromSeconds(2),
            transportOptions: new Dictionary<string, object?> { ["confirm_publish"] = true });
        connections.Add(connection);
        producers.Add(new Producer(await connection.GetDefaultChannelAsync(), routingKey: queue, autoDeclare: false));
    }
    Console.WriteLine("ready");
    if (Console.ReadLine() != "go")
        return 1;
    var publishes = producers.Take(callers)
        .Select((producer, i) => producer.PublishAsync(new { n = i }, retry: true, retryPolicy: policy).AsTask()).ToArray();
    using var cancel = new CancellationTokenSource();
    var cancelled = producers[callers].PublishAsync(new { n = -1 }, retry: true, retryPolicy: policy,
        cancellationToken: cancel.Token).AsTask();
    await Task.Delay(TimeSpan.FromSeconds(3));
    var clock = Stopwatch.StartNew();
    cancel.Cancel();
    try
    {
        await cancelled;
        Console.WriteLine("error the cancelled call completed");
        return 1;
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"cancelled {clock.ElapsedMilliseconds}");
    }
    await Task.WhenAll(publishes);
    Console.WriteLine($"done {publishes.Length}");
    return 0;
}
catch (Exception ex)
{
    Console.WriteLine("error " + ex.GetType().Name + ": " + ex.Message.ReplaceLineEndings(" "));
    return 1;
}
finally
{
    foreach (var connection in connections)
        await connection.DisposeAsync();
}
