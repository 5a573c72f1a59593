using Kombu.Cli.CommandLine;
using Kombu.Compression;
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
        Options:
        [
            new("--exchange", "NAME", "Exchange to publish to (\"\" is the default exchange, which routes to the queue named by --routing-key)."),
            new("--exchange-type", "TYPE", "Type of the exchange when it does not exist yet: direct (default), topic, fanout or headers."),
            new("--routing-key", "KEY", "Routing key of each message (default: empty)."),
            new("--serializer", "NAME", "How BODY is serialized: json (default), yaml, msgpack, pickle, or raw to send the text as is."),
            new("--compression", "METHOD", "Compress the body with zlib, bzip2, lzma, brotli or zstd (default: none)."),
            new("--content-type", "T", "Send BODY as is with this content type, instead of serializing it."),
            new("--content-encoding", "E", "Content encoding to go with --content-type (binary sends BODY's UTF-8 bytes)."),
            new("--header", "K=V", "Add a message header; V is read as JSON when it parses, else as text.", Repeatable: true),
            new("--property", "K=V", "Add a message property (such as reply_to or correlation_id); V as for --header.", Repeatable: true),
            new("--priority", "N", "Message priority, 0 (default) to 255."),
            new("--delivery-mode", "MODE", "persistent (default) or transient."),
            new("--declare-queue", "Q", "Declare queue Q (when missing) and bind it to the exchange before publishing."),
            new("--binding-key", "K", "Binding key for --declare-queue (default: the routing key)."),
            new("--count", "N", "Publish the message N times (default 1); a progress bar shows on a terminal."),
            new("--batch", "N", "Messages per batch with --count (default 1000): one round trip, or one wait for confirms, per batch."),
            new("--body-file", "PATH", "Read the body from a file instead of the BODY argument."),
            new("--no-confirm", null, "Do not wait for publisher confirms (AMQP), which are on by default."),
        ],
        MaxPositionals: 1);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var exchangeName = a.Require("--exchange");
        var exchangeType = a.GetChoice("--exchange-type", ExchangeTypes.All) ?? "direct";
        var routingKey = a.Get("--routing-key") ?? "";
        var serializer = Serializer(a);
        var contentType = a.Get("--content-type");
        var contentEncoding = a.Get("--content-encoding");
        if (contentEncoding is not null && contentType is null)
            throw new UsageException("publish: --content-encoding needs --content-type");
        var headers = KeyValues(a, "--header");
        var properties = KeyValues(a, "--property");
        var priority = a.GetInt("--priority", max: 255) ?? 0;
        var deliveryMode = a.GetChoice("--delivery-mode", "persistent", "transient");
        var count = a.GetInt("--count", min: 1) ?? 1;
        var batch = a.GetInt("--batch", min: 1) ?? PublishPipeline.DefaultBatch;
        if (a.Has("--binding-key") && !a.Has("--declare-queue"))
            throw new UsageException("publish: --binding-key needs --declare-queue");
        var compression = Compression(a);
        var body = ReadBody(a, raw: contentType is not null || serializer == "raw");

        var exchange = new Exchange(exchangeName, type: exchangeType);
        var queue = a.Get("--declare-queue") is { } queueName ? new Queue(queueName) : null;

        using var connection = context.Connect(confirm: !a.Has("--no-confirm"));
        EntityPreparation.Prepare(connection, exchange, queue, a.Get("--binding-key") ?? routingKey);
        var producer = connection.CreateProducer(exchange: exchange, routingKey: routingKey, serializer: serializer,
            autoDeclare: false);
        using var progress = context.Progress("published", count);
        var (done, error) = PublishPipeline.RunAsync(count, batch,
            size => producer.PublishBatchAsync(Enumerable.Repeat(body, size), routingKey: routingKey, serializer: serializer,
                compression: compression, contentType: contentType, contentEncoding: contentEncoding, headers: headers,
                priority: priority, deliveryMode: deliveryMode, properties: properties),
            progress.Step).GetAwaiter().GetResult();
        if (error is not null)
            throw new OperationalException(CliText.NotPublished(count - done, count, IsConfirming(connection), error.Message), error);
        return 0;
    }

    private static string? Serializer(ParsedArguments a)
    {
        var name = a.Get("--serializer");
        // raw (the body as is) is not a registry entry of its own.
        var known = Serializers.Registry.NameToType.Keys.Append("raw").Order(StringComparer.Ordinal).ToList();
        return name is null || known.Contains(name)
            ? name
            : throw new UsageException($"publish: --serializer expects one of {string.Join("|", known)}, got '{name}'");
    }

    private static string? Compression(ParsedArguments a)
    {
        var method = a.Get("--compression");
        try
        {
            if (method is not null)
                _ = Compressors.GetEncoder(method);
            return method;
        }
        catch (SerializerNotInstalledException ex)
        {
            throw new UsageException($"publish: --compression: {ex.Message}");
        }
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
