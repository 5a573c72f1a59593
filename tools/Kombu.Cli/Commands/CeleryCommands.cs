using Kombu.Celery;
using Kombu.Cli.CommandLine;
using Kombu.Exceptions;

namespace Kombu.Cli.Commands;

/// <summary>What the <c>kombu celery</c> commands share: the app they build and the result line they print.</summary>
public static class CeleryCommands
{
    /// <summary>The result backend used when <c>--backend</c> is absent.</summary>
    public const string DefaultBackend = "rpc://";

    /// <summary>How long <c>--wait</c> and <c>celery result</c> wait when <c>--timeout</c> is absent.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates the app for <c>--url</c> and <c>--backend</c>.</summary>
    /// <param name="context">The command's context.</param>
    /// <returns>The app; dispose it.</returns>
    /// <exception cref="UsageException">The backend URL names no known backend.</exception>
    public static CeleryApp CreateApp(CliContext context)
    {
        var app = new CeleryApp(context.Url, context.Args.Get("--backend") ?? DefaultBackend, Options(context));
        try
        {
            // Creates the backend, which connects nothing yet: what fails here is the --backend URL itself.
            _ = app.Backend;
            return app;
        }
        catch (KombuException ex)
        {
            app.Dispose();
            throw new UsageException($"{context.Args.Spec.Name}: --backend: {ex.Message}");
        }
    }

    /// <summary>The app options the commands share: the library logs where <c>--verbose</c> says.</summary>
    /// <param name="context">The command's context.</param>
    /// <returns>The options.</returns>
    public static CeleryOptions Options(CliContext context) => new() { LoggerFactory = context.LoggerFactory };

    /// <summary>Waits for a result and prints <c>{"id", "state": "SUCCESS", "result"}</c> or <c>{"id", "state", "exception": {"type", "message"}}</c>.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="result">The result handle.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>0 on success, 1 on failure or timeout (reported on stderr).</returns>
    public static int PrintResult(CliContext context, AsyncResult result, TimeSpan timeout)
    {
        object? value;
        try
        {
            value = result.Get(timeout, propagate: false);
        }
        catch (TimeoutException)
        {
            context.Stderr.WriteLine($"kombu: error: timed out after {Seconds(timeout)} s waiting for the result of task {result.Id}");
            return Program.Failure;
        }
        var line = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = result.Id };
        if (value is CeleryTaskException failure)
        {
            line["state"] = failure.State;
            line["exception"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["type"] = failure.ExceptionType,
                ["message"] = failure.ExceptionMessage,
            };
        }
        else
        {
            line["state"] = States.Success;
            line["result"] = value;
        }
        context.Stdout.WriteLine(PythonJson.Dumps(line));
        context.Stdout.Flush();
        return value is CeleryTaskException ? Program.Failure : 0;
    }

    /// <summary>Seconds as the messages print them.</summary>
    /// <param name="value">The duration.</param>
    /// <returns>The number, such as <c>1.5</c>.</returns>
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
