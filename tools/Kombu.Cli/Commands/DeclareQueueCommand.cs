using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu declare queue NAME</c>.</summary>
public sealed class DeclareQueueCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("declare queue", "NAME [--durable true|false] [--auto-delete] [--exclusive]",
        "Declare a queue (bound to the default exchange only).",
        Options:
        [
            new("--durable", "true|false", "Whether the queue survives a broker restart (default true)."),
            new("--auto-delete", null, "Delete the queue when its last consumer goes away."),
            new("--exclusive", null, "Make the queue private to this connection (deleted when it closes)."),
        ],
        MinPositionals: 1, MaxPositionals: 1);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var queue = new Queue(a.Positionals[0], durable: a.GetBool("--durable", true), autoDelete: a.Has("--auto-delete"),
            exclusive: a.Has("--exclusive"));
        using var connection = context.Connect();
        queue.Bind(connection.DefaultChannel).Declare();
        return 0;
    }
}
