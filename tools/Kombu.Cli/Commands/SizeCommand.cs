using System.Globalization;
using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu size --queue Q</c>: prints the number of ready messages (a passive declaration).</summary>
public sealed class SizeCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("size", "--queue Q", "Print the number of ready messages in a queue.",
        Options: [new("--queue", "Q", "The queue to count (it must exist).")]);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var queue = new Queue(context.Args.Require("--queue"));
        using var connection = context.Connect();
        var result = queue.Bind(connection.DefaultChannel).QueueDeclare(passive: true);
        context.Stdout.WriteLine(result.MessageCount.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
