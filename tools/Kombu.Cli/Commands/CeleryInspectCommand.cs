using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu celery inspect ping|registered|active</c>: asks every Celery worker and prints each reply as a JSON line.</summary>
public sealed class CeleryInspectCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("celery inspect", "ping|registered|active [--timeout S]",
        "Ask every Celery worker (Python or .NET) on the broker; print one JSON line per reply, {hostname: answer} " +
        "(exit 1 when no worker replied within --timeout, default 1 s).",
        Options: [new("--timeout", "S", "Seconds to wait for replies (default 1).")], MinPositionals: 1, MaxPositionals: 1);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var method = context.Args.Positionals[0];
        if (method is not ("ping" or "registered" or "active"))
            throw new UsageException($"celery inspect: expects ping, registered or active, got '{method}'");
        var timeout = context.Args.GetSeconds("--timeout") ?? TimeSpan.FromSeconds(1);
        using var app = new Kombu.Celery.CeleryApp(context.Url, options: CeleryCommands.Options(context));
        var replies = app.Control.Inspect(method, timeout);
        foreach (var reply in replies)
            context.Stdout.WriteLine(PythonJson.Dumps(reply));
        context.Stdout.Flush();
        if (replies.Count > 0)
            return 0;
        context.Stderr.WriteLine($"kombu: error: no nodes replied within {CeleryCommands.Seconds(timeout)} s");
        return Program.Failure;
    }
}
