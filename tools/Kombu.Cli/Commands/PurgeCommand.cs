using System.Globalization;
using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu purge --queue Q</c>: removes every ready message and prints how many.</summary>
public sealed class PurgeCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("purge", "--queue Q", "Remove all ready messages from a queue; prints the number removed.",
        Options: [new("--queue", "Q", "The queue to empty (it must exist).")]);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var queue = new Queue(context.Args.Require("--queue"));
        using var connection = context.Connect();
        var purged = queue.Bind(connection.DefaultChannel).Purge();
        context.Stdout.WriteLine(purged.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
