using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu declare binding --queue Q --exchange E</c>: binds an existing queue to an existing exchange.</summary>
public sealed class DeclareBindingCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("declare binding", "--queue Q --exchange E [--routing-key K]",
        "Bind a queue to an exchange.",
        Options:
        [
            new("--queue", "Q", "The queue to bind."),
            new("--exchange", "E", "The exchange to bind it to."),
            new("--routing-key", "K", "Binding key (default: empty)."),
        ]);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var queue = new Queue(a.Require("--queue"));
        var exchange = a.Require("--exchange");
        using var connection = context.Connect();
        queue.Bind(connection.DefaultChannel).BindTo(exchange, a.Get("--routing-key") ?? "");
        return 0;
    }
}
