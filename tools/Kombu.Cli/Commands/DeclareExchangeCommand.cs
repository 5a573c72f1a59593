using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu declare exchange NAME</c>.</summary>
public sealed class DeclareExchangeCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("declare exchange", "NAME [--type direct|topic|fanout|headers] [--durable true|false] [--auto-delete]",
        "Declare an exchange.",
        Options:
        [
            new("--type", "TYPE", "Exchange type: direct (default), topic, fanout or headers."),
            new("--durable", "true|false", "Whether the exchange survives a broker restart (default true)."),
            new("--auto-delete", null, "Delete the exchange when its last queue is unbound."),
        ],
        MinPositionals: 1, MaxPositionals: 1);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var exchange = new Exchange(a.Positionals[0], type: a.GetChoice("--type", ExchangeTypes.All) ?? "direct",
            durable: a.GetBool("--durable", true), autoDelete: a.Has("--auto-delete"));
        using var connection = context.Connect();
        exchange.Bind(connection.DefaultChannel).Declare();
        return 0;
    }
}
