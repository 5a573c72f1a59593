using Kombu.Cli.CommandLine;
using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu publish</c>: sends a JSON value (or raw text or bytes) to an exchange, optionally many times.</summary>
public sealed class PublishCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("publish",
        "--exchange NAME [--exchange-type direct|topic|fanout|headers] [--routing-key KEY] " +
        "[--serializer json|yaml|msgpack|pickle|raw] [--compression zlib|bzip2|lzma|brotli|zstd] " +
        "[--content-type T --content-encoding E] [--header K=V]... [--property K=V]... [--priority N] " +
        "[--delivery-mode persistent|transient] [--declare-queue Q [--binding-key K]] [--count N [--batch N]] [--no-confirm] " +
        "(BODY | --body-file PATH)",
        "Publish BODY (a JSON value, or literal text with --serializer raw or --content-type) to an exchange; on AMQP " +
        "each message is confirmed by the broker unless --no-confirm. --count messages go in batches of --batch " +
        "(default 1000): one round trip per batch on Redis, confirms awaited per batch on AMQP.",
        ValueOptions: ["--exchange", "--exchange-type", "--routing-key", "--serializer", "--compression", "--content-type",
            "--content-encoding", "--priority", "--delivery-mode", "--declare-queue", "--binding-key", "--count", "--batch", "--body-file"],
        FlagOptions: ["--no-confirm"],
        RepeatableOptions: ["--header", "--property"],
        MaxPositionals: 1);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var exchangeName = a.Require("--exchange");
        var exchangeType = a.GetChoice("--exchange-type", ExchangeTypes.All) ?? "direct";
        var routingKey = a.Get("--routing-key") ?? "";
        var serializer = a.Get("--serializer");
        var contentType = a.Get("--content-type");
        var contentEncoding = a.Get("--content-encoding");
        if (contentEncoding is not null && contentType is null)
            throw new UsageException("publish: --content-encoding needs --content-type");
        var headers = KeyValues(a, "--header");
        var properties = KeyValues(a, "--property");
        var priority = a.GetInt("--priority") ?? 0;
        var deliveryMode = a.GetChoice("--delivery-mode", "persistent", "transient");
        var count = a.GetInt("--count", min: 1) ?? 1;
        var batch = a.GetInt("--batch", min: 1) ?? PublishPipeline.DefaultBatch;
        if (a.Has("--binding-key") && !a.Has("--declare-queue"))
            throw new UsageException("publish: --binding-key needs --declare-queue");
        var body = ReadBody(a, raw: contentType is not null || serializer == "raw");

        var exchange = new Exchange(exchangeName, type: exchangeType);
        var queue = a.Get("--declare-queue") is { } queueName ? new Queue(queueName) : null;

        using var connection = context.Connect(confirm: !a.Has("--no-confirm"));
        EntityPreparation.Prepare(connection, exchange, queue, a.Get("--binding-key") ?? routingKey);
        var producer = connection.CreateProducer(exchange: exchange, routingKey: routingKey, serializer: serializer,
            autoDeclare: false);
        using var progress = context.Progress("published", count);
        var compression = a.Get("--compression");
        var (done, error) = PublishPipeline.RunAsync(count, batch,
            size => producer.PublishBatchAsync(Enumerable.Repeat(body, size), routingKey: routingKey, serializer: serializer,
                compression: compression, contentType: contentType, contentEncoding: contentEncoding, headers: headers,
                priority: priority, deliveryMode: deliveryMode, properties: properties),
            progress.Step).GetAwaiter().GetResult();
        if (error is not null)
            throw new OperationalException(CliText.NotPublished(count - done, count, IsConfirming(connection), error.Message), error);
        return 0;
    }

    private static bool IsConfirming(Connection connection) =>
        connection.TransportOptions.TryGetValue(CliContext.ConfirmOption, out var v) && v switch
        {
            bool on => on,
            string text => text.Length > 0 && text != "0" && !text.Equals("false", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    private static object? ReadBody(ParsedArguments a, bool raw)
    {
        var file = a.Get("--body-file");
        if (file is not null && a.Positionals.Count > 0)
            throw new UsageException("publish: give either BODY or --body-file, not both");
        if (file is null && a.Positionals.Count == 0)
            throw new UsageException("publish: missing BODY (or --body-file PATH)");
        if (raw)
        {
            if (file is not null)
                return ReadFile(file);
            return a.Get("--content-encoding") == "binary"
                ? System.Text.Encoding.UTF8.GetBytes(a.Positionals[0])
                : a.Positionals[0];
        }
        var text = file is null ? a.Positionals[0] : System.Text.Encoding.UTF8.GetString(ReadFile(file));
        try
        {
            return KombuJson.Deserialize(text);
        }
        catch (DecodeException ex)
        {
            throw new UsageException($"publish: BODY is not valid JSON ({ex.Message}); use --serializer raw to send text as is");
        }
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"publish: cannot read --body-file {path}: {ex.Message}");
        }
    }

    private static Dictionary<string, object?>? KeyValues(ParsedArguments a, string option)
    {
        var values = a.GetAll(option);
        if (values.Count == 0)
            return null;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in values)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new UsageException($"publish: {option} expects KEY=VALUE, got '{pair}'");
            result[pair[..eq]] = PythonJson.LoadsOrString(pair[(eq + 1)..]);
        }
        return result;
    }
}
