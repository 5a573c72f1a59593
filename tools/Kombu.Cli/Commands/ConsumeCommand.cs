using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu consume</c>: prints each message from a queue as one JSON object per line.</summary>
public sealed class ConsumeCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("consume",
        "--queue NAME [--exchange NAME --exchange-type T --routing-key K] [--limit N] [--timeout SECONDS] " +
        "[--accept LIST] [--no-ack] [--requeue] [--no-reconnect]",
        "Print messages from a queue as JSON lines (body, content_type, content_encoding, headers, properties, delivery_info).",
        ValueOptions: ["--queue", "--exchange", "--exchange-type", "--routing-key", "--limit", "--timeout", "--accept"],
        FlagOptions: ["--no-ack", "--requeue", "--no-reconnect"]);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var queueName = a.Require("--queue");
        var noAck = a.Has("--no-ack");
        var requeue = a.Has("--requeue");
        if (noAck && requeue)
            throw new UsageException("consume: --no-ack and --requeue cannot be combined");
        var exchangeType = a.GetChoice("--exchange-type", ExchangeTypes.All);
        if (!a.Has("--exchange") && (exchangeType is not null || a.Has("--routing-key")))
            throw new UsageException("consume: --exchange-type and --routing-key need --exchange");
        var settings = new ConsumeSettings(
            Queue: new Queue(queueName),
            Exchange: a.Get("--exchange") is { } exchangeName ? new Exchange(exchangeName, type: exchangeType ?? "direct") : null,
            RoutingKey: a.Get("--routing-key") ?? "",
            Limit: a.GetInt("--limit", min: 1),
            Timeout: a.GetSeconds("--timeout"),
            Accept: a.Get("--accept")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            NoAck: noAck,
            Requeue: requeue,
            Reconnect: !a.Has("--no-reconnect"));
        using var progress = context.Progress("consumed", settings.Limit);
        new ConsumeSession(context, settings, progress).Run();
        return 0;
    }
}
