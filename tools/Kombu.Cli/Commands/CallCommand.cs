using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu call --mailbox NAMESPACE METHOD [ARGS-JSON]</c>: a pidbox broadcast (not available yet).</summary>
public sealed class CallCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("call", "--mailbox NAMESPACE [--destination HOST,...] [--timeout S] METHOD [ARGS-JSON]",
        "Call METHOD on the nodes of a pidbox mailbox and print their replies.",
        ValueOptions: ["--mailbox", "--destination", "--timeout"], MinPositionals: 1, MaxPositionals: 2);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        a.Require("--mailbox");
        _ = a.GetSeconds("--timeout");
        if (a.Positionals.Count > 1 && PythonJson.LoadsOrString(a.Positionals[1]) is not IDictionary<string, object?>)
            throw new UsageException("call: ARGS-JSON must be a JSON object");
        throw new PidboxUnavailableException();
    }
}
