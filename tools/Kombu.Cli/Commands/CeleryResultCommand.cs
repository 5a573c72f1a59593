using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu celery result ID</c>: waits for a task's result in the backend and prints it as one JSON line.</summary>
public sealed class CeleryResultCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("celery result", "ID [--backend URL] [--timeout S]",
        "Wait for the result of task ID and print {\"id\", \"state\", \"result\"} or {\"id\", \"state\", \"exception\"} " +
        "(exit 1 on failure or timeout). rpc:// results reach only the sender, so use the backend the task used (redis://…).",
        Options:
        [
            new("--backend", "URL", "Result backend the task stores its result in (default rpc://)."),
            new("--timeout", "S", "Seconds to wait for the result (default 30)."),
        ],
        MinPositionals: 1, MaxPositionals: 1);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var timeout = context.Args.GetSeconds("--timeout") ?? CeleryCommands.DefaultTimeout;
        using var app = CeleryCommands.CreateApp(context);
        return CeleryCommands.PrintResult(context, app.CreateAsyncResult(context.Args.Positionals[0]), timeout);
    }
}
