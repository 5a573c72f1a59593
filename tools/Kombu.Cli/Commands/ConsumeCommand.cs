using System.Diagnostics;
using Kombu.Cli.CommandLine;
using Kombu.Exceptions;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu consume</c>: prints each message from a queue as one JSON object per line.</summary>
public sealed class ConsumeCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("consume",
        "--queue NAME [--exchange NAME --exchange-type T --routing-key K] [--limit N] [--timeout SECONDS] " +
        "[--accept LIST] [--no-ack] [--requeue]",
        "Print messages from a queue as JSON lines (body, content_type, content_encoding, headers, properties, delivery_info).",
        ValueOptions: ["--queue", "--exchange", "--exchange-type", "--routing-key", "--limit", "--timeout", "--accept"],
        FlagOptions: ["--no-ack", "--requeue"]);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var queueName = a.Require("--queue");
        var limit = a.GetInt("--limit", min: 1);
        var timeout = a.GetSeconds("--timeout");
        var noAck = a.Has("--no-ack");
        var requeue = a.Has("--requeue");
        if (noAck && requeue)
            throw new UsageException("consume: --no-ack and --requeue cannot be combined");
        var exchangeType = a.GetChoice("--exchange-type", ExchangeTypes.All);
        if (!a.Has("--exchange") && (exchangeType is not null || a.Has("--routing-key")))
            throw new UsageException("consume: --exchange-type and --routing-key need --exchange");
        var accept = a.Get("--accept")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var exchange = a.Get("--exchange") is { } exchangeName ? new Exchange(exchangeName, type: exchangeType ?? "direct") : null;
        var queue = new Queue(queueName);

        using var connection = context.Connect();
        EntityPreparation.Prepare(connection, exchange, queue, a.Get("--routing-key") ?? "");
        using var progress = context.Progress("consumed", limit);
        var received = 0;
        void OnMessage(Message message)
        {
            if (limit is { } max && received >= max)
                return;
            received++;
            Handle(context.Stdout, message, noAck, requeue);
            progress.Step();
        }
        using var consumer = connection.CreateConsumer(queues: [queue], noAck: noAck, autoDeclare: false, onMessage: OnMessage,
            accept: accept, prefetchCount: limit is { } n && !noAck ? Math.Min(n, ushort.MaxValue) : null);
        consumer.Consume();
        var idle = Stopwatch.StartNew();
        var seen = 0;
        while (limit is not { } l || received < l)
        {
            TimeSpan? remaining = timeout is { } t ? TimeSpan.FromTicks(Math.Max(0, (t - idle.Elapsed).Ticks)) : null;
            try
            {
                connection.DrainEvents(remaining);
            }
            catch (TimeoutException)
            {
                return 0;
            }
            if (received != seen)
            {
                seen = received;
                idle.Restart();
            }
            else if (idle.Elapsed >= timeout)
            {
                return 0;
            }
        }
        return 0;
    }

    private static void Handle(TextWriter stdout, Message message, bool noAck, bool requeue)
    {
        object? body;
        string? error = null;
        try
        {
            body = message.Decode();
        }
        catch (KombuException ex)
        {
            body = null;
            error = ex.Message;
        }
        stdout.WriteLine(PythonJson.Dumps(MessageRecord.Of(message, body, error)));
        stdout.Flush();
        if (noAck || error is not null)
            return;
        if (requeue)
            message.Requeue();
        else
            message.Ack();
    }
}
