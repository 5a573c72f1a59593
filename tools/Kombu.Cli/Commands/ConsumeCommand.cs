using Kombu.Cli.CommandLine;
using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu consume</c>: prints each message from a queue as one JSON object per line.</summary>
public sealed class ConsumeCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("consume",
        "--queue NAME [--exchange NAME --exchange-type T --routing-key K] [--limit N] [--timeout SECONDS] " +
        "[--accept LIST] [--no-ack] [--requeue] [--no-reconnect]",
        "Print messages from a queue as JSON lines (body, content_type, content_encoding, headers, properties, delivery_info).",
        Options:
        [
            new("--queue", "NAME", "Queue to consume from; declared when missing."),
            new("--exchange", "NAME", "Bind the queue to this exchange (declared when missing) before consuming."),
            new("--exchange-type", "TYPE", "Type of --exchange when it does not exist yet: direct (default), topic, fanout or headers."),
            new("--routing-key", "K", "Binding key for --exchange (default: empty)."),
            new("--limit", "N", "Stop after N messages."),
            new("--timeout", "SECONDS", "Stop after this many seconds without a message (default: wait forever)."),
            new("--accept", "LIST", "Comma-separated serializers or content types to decode (default: json and raw; pickle, yaml and msgpack only when listed)."),
            new("--no-ack", null, "Consume without acknowledgements (the broker forgets each message once sent)."),
            new("--requeue", null, "Reject each message back to the queue instead of acknowledging it (peek)."),
            new("--no-reconnect", null, "Exit on a lost connection instead of reconnecting and consuming again."),
        ]);

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
            Accept: Accept(a),
            NoAck: noAck,
            Requeue: requeue,
            Reconnect: !a.Has("--no-reconnect"));
        using var progress = context.Progress("consumed", settings.Limit);
        new ConsumeSession(context, settings, progress).Run();
        return 0;
    }

    private static string[]? Accept(ParsedArguments a)
    {
        var accept = a.Get("--accept")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            _ = Serializers.PrepareAcceptContent(accept);
            return accept;
        }
        catch (SerializerNotInstalledException ex)
        {
            throw new UsageException($"consume: --accept: {ex.Message}");
        }
    }
}
