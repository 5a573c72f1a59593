using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu listen --mailbox NAMESPACE --hostname H</c>: serves a pidbox node (not available yet).</summary>
public sealed class ListenCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("listen", "--mailbox NAMESPACE --hostname H",
        "Serve a pidbox node that answers ping and prints the calls it receives.",
        ValueOptions: ["--mailbox", "--hostname"]);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        context.Args.Require("--mailbox");
        context.Args.Require("--hostname");
        throw new PidboxUnavailableException();
    }
}
