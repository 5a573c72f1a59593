using System.Globalization;
using Kombu.Celery;
using Kombu.Cli.CommandLine;
using Kombu.Exceptions;
using Kombu.Serialization;

namespace Kombu.Cli.Commands;

/// <summary><c>kombu celery send TASK [ARGS-JSON]</c>: sends a Celery task and prints its id (and, with --wait, its result).</summary>
public sealed class CelerySendCommand : ICommand
{
    /// <inheritdoc/>
    public CommandSpec Spec { get; } = new("celery send",
        "[--backend URL] [--queue Q] [--protocol 1|2] [--kwargs JSON] [--countdown S] [--eta ISO] [--expires S] " +
        "[--priority N] [--wait [--timeout S]] TASK [ARGS-JSON]",
        "Send a Celery task; print {\"id\": ID}, then with --wait one line with its state and result or exception " +
        "(exit 1 on failure or timeout). --backend defaults to rpc://.",
        Options:
        [
            new("--backend", "URL", "Result backend (default rpc://; redis://… for results others can read)."),
            new("--queue", "Q", "Send to this queue instead of the task's default (celery)."),
            new("--protocol", "1|2", "Celery message protocol (default 2)."),
            new("--kwargs", "JSON", "Keyword arguments as a JSON object."),
            new("--countdown", "S", "Run the task no sooner than this many seconds from now."),
            new("--eta", "ISO", "Run the task no sooner than this ISO 8601 time."),
            new("--expires", "S", "Discard the task if not started within this many seconds."),
            new("--priority", "N", "Message priority, 0 to 255."),
            new("--wait", null, "Wait for the result and print it."),
            new("--timeout", "S", "With --wait: seconds to wait for the result (default 30)."),
        ],
        MinPositionals: 1, MaxPositionals: 2);

    /// <inheritdoc/>
    public int Execute(CliContext context)
    {
        var a = context.Args;
        var task = a.Positionals[0];
        var args = a.Positionals.Count > 1
            ? Json(a.Positionals[1], "ARGS-JSON") as IList<object?> ?? throw new UsageException("celery send: ARGS-JSON must be a JSON array")
            : [];
        var kwargs = a.Get("--kwargs") is { } k
            ? Json(k, "--kwargs") as IDictionary<string, object?> ?? throw new UsageException("celery send: --kwargs must be a JSON object")
            : null;
        var protocol = a.GetChoice("--protocol", "1", "2") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
        var priority = a.GetInt("--priority", max: 255);
        DateTimeOffset? eta = null;
        if (a.Get("--eta") is { } etaText)
        {
            eta = DateTimeOffset.TryParse(etaText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new UsageException($"celery send: --eta expects an ISO 8601 time, got '{etaText}'");
        }
        var countdown = a.GetSeconds("--countdown");
        if (eta is not null && countdown is not null)
            throw new UsageException("celery send: give either --countdown or --eta, not both");
        var expires = a.GetSeconds("--expires");
        var timeout = a.GetSeconds("--timeout");
        if (timeout is not null && !a.Has("--wait"))
            throw new UsageException("celery send: --timeout needs --wait");

        using var app = CeleryCommands.CreateApp(context);
        var result = app.SendTask(task, args, kwargs, new TaskOptions
        {
            Queue = a.Get("--queue"),
            Protocol = protocol,
            Countdown = countdown,
            Eta = eta,
            Expires = expires,
            Priority = priority,
        });
        context.Stdout.WriteLine(PythonJson.Dumps(new Dictionary<string, object?> { ["id"] = result.Id }));
        context.Stdout.Flush();
        return a.Has("--wait") ? CeleryCommands.PrintResult(context, result, timeout ?? CeleryCommands.DefaultTimeout) : 0;
    }

    private static object? Json(string text, string what)
    {
        try
        {
            return KombuJson.Deserialize(text);
        }
        catch (DecodeException ex)
        {
            throw new UsageException($"celery send: {what} is not valid JSON ({ex.Message})");
        }
    }
}
