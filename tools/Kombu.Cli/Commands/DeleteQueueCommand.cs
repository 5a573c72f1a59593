using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu delete queue NAME</c>.</summary>
public sealed class DeleteQueueCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("delete queue", "NAME", "Delete a queue and its messages.",
        Options: [], MinPositionals: 1, MaxPositionals: 1);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        using var connection = context.Connect();
        new Queue(context.Args.Positionals[0]).Bind(connection.DefaultChannel).Delete();
        return 0;
    }
}
