using System.Runtime.InteropServices;
using Kombu.Celery;
using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu celery worker</c>: a C# Celery worker serving the built-in <c>kombu.*</c> tasks until SIGINT/SIGTERM.</summary>
public sealed class CeleryWorkerCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("celery worker",
        "[--backend URL] [--queue Q[,Q...]] [--hostname NAME] [--concurrency N] [--events]",
        "Run a Celery worker with the tasks kombu.add(x, y), kombu.echo(value), kombu.fail(message) and " +
        "kombu.sleep(seconds); print one JSON line per finished task; answer remote control (inspect ping…); " +
        "stop on SIGINT/SIGTERM.",
        Options:
        [
            new("--backend", "URL", "Result backend the results are stored in (default rpc://)."),
            new("--queue", "Q[,Q...]", "Queues to consume tasks from (default celery)."),
            new("--hostname", "NAME", "Worker node name (default celery@ this machine's name)."),
            new("--concurrency", "N", "Tasks run at once (default: the number of processors)."),
            new("--events", null, "Send task events (task-received, task-succeeded…) as celery -E does."),
        ]);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var queues = a.Get("--queue")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (queues is { Length: 0 })
            throw new UsageException("celery worker: --queue needs at least one queue name");
        var options = new CeleryWorkerOptions
        {
            Queues = queues,
            Hostname = a.Get("--hostname") ?? "celery@" + Environment.MachineName,
            Concurrency = a.GetInt("--concurrency", min: 1) ?? Environment.ProcessorCount,
            SendEvents = a.Has("--events"),
        };
        using var app = CeleryCommands.CreateApp(context);
        var worker = BuiltinTasks.Register(new CeleryWorker(app, options));
        var output = new Lock();
        worker.TaskFinished += outcome =>
        {
            var line = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = outcome.Id,
                ["task"] = outcome.Task,
                ["state"] = outcome.State,
            };
            if (outcome.State == States.Success)
                line["result"] = outcome.Result;
            else
                line["exception"] = new Dictionary<string, object?> { ["type"] = outcome.ExceptionType, ["message"] = outcome.ExceptionMessage };
            lock (output)
            {
                context.Stdout.WriteLine(PythonJson.Dumps(line));
                context.Stdout.Flush();
            }
        };
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var run = worker.RunAsync(stop.Token);
        try
        {
            worker.Started.Wait(stop.Token);
            lock (output)
            {
                context.Stderr.WriteLine($"worker: {options.Hostname} ready, consuming from {string.Join(",", worker.Queues)}");
                context.Stderr.Flush();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or AggregateException)
        {
        }
        run.GetAwaiter().GetResult();
        return 0;

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }
    }
}
