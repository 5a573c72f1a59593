using Kombu.Cli.CommandLine;
using Kombu.Pidbox;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu call --mailbox NAMESPACE METHOD [ARGS-JSON]</c>: a pidbox call (with --destination) or multi_call.</summary>
public sealed class CallCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("call",
        "--mailbox NAMESPACE [--type direct|fanout] [--destination HOST,...] [--timeout S] [--limit N] METHOD [ARGS-JSON]",
        "Call METHOD on the nodes of a pidbox mailbox and print each reply as a JSON line ({hostname: result}).",
        Options:
        [
            new("--mailbox", "NAMESPACE", "The mailbox (pidbox namespace), such as celery."),
            new("--type", "TYPE", "Mailbox exchange type: direct (default) or fanout."),
            new("--destination", "HOST,...", "Call only these nodes (comma-separated hostnames); default: every node."),
            new("--timeout", "S", "Seconds to wait for replies (default 1)."),
            new("--limit", "N", "Stop after N replies."),
        ],
        MinPositionals: 1, MaxPositionals: 2);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var ns = a.Require("--mailbox");
        var type = a.GetChoice("--type", "direct", "fanout") ?? "direct";
        var timeout = a.GetSeconds("--timeout") ?? TimeSpan.FromSeconds(1);
        var limit = a.GetInt("--limit", min: 1);
        var method = a.Positionals[0];
        var arguments = a.Positionals.Count > 1
            ? PythonJson.LoadsOrString(a.Positionals[1]) as IDictionary<string, object?>
              ?? throw new UsageException("call: ARGS-JSON must be a JSON object")
            : new Dictionary<string, object?>();
        using var connection = context.Connect();
        var mailbox = new Mailbox(ns, type).Bind(connection);
        var destination = a.Get("--destination")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var replies = destination is { Length: > 0 }
            ? mailbox.Call(destination, method, arguments, timeout)
            : mailbox.MultiCall(method, arguments, timeout, limit);
        foreach (var reply in replies)
            context.Stdout.WriteLine(PythonJson.Dumps(reply));
        return 0;
    }
}
