using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu delete exchange NAME</c>.</summary>
public sealed class DeleteExchangeCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("delete exchange", "NAME", "Delete an exchange.",
        Options: [], MinPositionals: 1, MaxPositionals: 1);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        using var connection = context.Connect();
        new Exchange(context.Args.Positionals[0]).Bind(connection.DefaultChannel).Delete();
        return 0;
    }
}
