using System.Runtime.InteropServices;
using Kombu.Cli.CommandLine;
using Kombu.Pidbox;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu listen --mailbox NAMESPACE --hostname H</c>: serves a pidbox node answering ping and echo.</summary>
public sealed class ListenCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("listen", "--mailbox NAMESPACE --hostname H [--type direct|fanout] [--limit N]",
        "Serve a pidbox node: ping answers \"pong\", echo answers its arguments. Prints each request as a JSON line; " +
        "stops on SIGINT/SIGTERM or after --limit requests.",
        Options:
        [
            new("--mailbox", "NAMESPACE", "The mailbox (pidbox namespace) to serve."),
            new("--hostname", "H", "This node's name, which callers give as --destination."),
            new("--type", "TYPE", "Mailbox exchange type: direct (default) or fanout."),
            new("--limit", "N", "Stop after answering N requests."),
        ]);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var ns = a.Require("--mailbox");
        var hostname = a.Require("--hostname");
        var type = a.GetChoice("--type", "direct", "fanout") ?? "direct";
        var limit = a.GetInt("--limit", min: 1);
        var handled = 0;
        var mailbox = new Mailbox(ns, type);
        object? Record(string method, IDictionary<string, object?> arguments, object? result)
        {
            context.Stdout.WriteLine(PythonJson.Dumps(new Dictionary<string, object?> { ["method"] = method, ["arguments"] = arguments }));
            context.Stdout.Flush();
            handled++;
            return result;
        }
        mailbox.Handler("ping", (_, args) => Record("ping", args, "pong"));
        mailbox.Handler("echo", (_, args) => Record("echo", args, args));

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var connection = context.Connect();
        using var consumer = mailbox.Bind(connection).CreateNode(hostname).Listen();
        context.Stderr.WriteLine($"listening: {hostname} on mailbox {ns} ({type})");
        context.Stderr.Flush();
        while (!stop.IsCancellationRequested && (limit is null || handled < limit))
        {
            try
            {
                connection.DrainEvents(TimeSpan.FromMilliseconds(250));
            }
            catch (TimeoutException)
            {
            }
        }
        return 0;

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }
    }
}
