using System.Reflection;
using Kombu.Cli.CommandLine;
using Kombu.Cli.Commands;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kombu.Cli;

/// <summary>The <c>kombu</c> entry point: dispatches to a command and turns errors into one line on stderr.</summary>
public static class Program
{
    /// <summary>Exit code for bad command-line input.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure while running a command.</summary>
    public const int Failure = 1;

    /// <summary>Set this environment variable to also print the full exception (one line, password masked).</summary>
    public const string DebugVariable = "KOMBU_CLI_DEBUG";

    /// <summary>Runs the tool on the console.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code.</returns>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected);

    /// <summary>Runs the tool with the given output streams (no progress bar).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <returns>The exit code: 0 on success, 1 on failure, 2 on bad input.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, interactive: false);

    private static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        string? url = null;
        ILoggerFactory? logging = null;
        try
        {
            var (command, rest, globalUrl, verbose) = Resolve(args, stdout);
            url = globalUrl;
            if (command is null)
                return 0;
            var parsed = ArgumentParser.Parse(command.Spec, rest);
            if (parsed.Has("--help"))
            {
                stdout.Write(Usage.For(command.Spec));
                return 0;
            }
            if (globalUrl is not null && !parsed.Has("--url"))
                parsed.AddValue("--url", globalUrl);
            if (verbose || parsed.Has("--verbose"))
                logging = Logging.CreateFactory();
            var context = new CliContext(parsed, stdout, stderr, interactive) { LoggerFactory = logging ?? NullLoggerFactory.Instance };
            url = context.Url;
            context.CheckUrl();
            return command.Execute(context);
        }
        catch (UsageException ex)
        {
            return Fail(stderr, ex.Message, url, UsageError);
        }
        catch (ArgumentException ex)
        {
            // What the library refuses as an argument came from the command line (a URL part, a name, an option).
            return Fail(stderr, ErrorText.Describe(ex), url, UsageError);
        }
        catch (Exception ex)
        {
            if (Environment.GetEnvironmentVariable(DebugVariable) is { Length: > 0 })
                stderr.WriteLine(ErrorText.OneLine(ex.ToString(), url ?? CliContext.DefaultUrl()));
            return Fail(stderr, ex.Message, url ?? CliContext.DefaultUrl(), Failure);
        }
        finally
        {
            // Flushes what the console logger still queues, before the process exits.
            logging?.Dispose();
        }
    }

    private static (ICommand? Command, List<string> Arguments, string? Url, bool Verbose) Resolve(string[] args, TextWriter stdout)
    {
        string? url = null;
        var verbose = false;
        var i = 0;
        for (; i < args.Length && args[i].StartsWith("--", StringComparison.Ordinal); i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                stdout.Write(Usage.All());
                return (null, [], url, verbose);
            }
            if (arg == "--version")
            {
                stdout.WriteLine($"kombu {Version()}");
                return (null, [], url, verbose);
            }
            if (arg == "--url")
                url = i + 1 < args.Length ? args[++i] : throw new UsageException("option --url needs a value");
            else if (arg.StartsWith("--url=", StringComparison.Ordinal))
                url = arg["--url=".Length..];
            else if (arg == "--verbose")
                verbose = true;
            else
                throw new UsageException($"unknown option {arg} (see 'kombu --help')");
        }
        if (i >= args.Length)
            throw new UsageException("missing command (see 'kombu --help')");
        var name = args[i++];
        if (name == "help")
        {
            var topic = string.Join(' ', args[i..]);
            stdout.Write(topic.Length == 0 ? Usage.All() : Usage.For(Lookup(topic).Spec));
            return (null, [], url, verbose);
        }
        if (CommandTable.Groups.Contains(name))
        {
            if (i < args.Length && args[i] is "--help" or "-h")
            {
                foreach (var command in CommandTable.All.Where(c => c.Spec.Name.StartsWith(name + " ", StringComparison.Ordinal)))
                    stdout.Write(Usage.For(command.Spec));
                return (null, [], url, verbose);
            }
            if (i >= args.Length || args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException(name == "celery"
                    ? "celery: missing command (send, worker, result or inspect)"
                    : $"{name}: missing kind (exchange, queue{(name == "declare" ? " or binding" : "")})");
            }

            name += " " + args[i++];
        }
        return (Lookup(name), [.. args[i..]], url, verbose);
    }

    private static ICommand Lookup(string name) =>
        CommandTable.Find(name) ?? throw new UsageException($"unknown command '{name}' (see 'kombu --help')");

    private static string Version() =>
        typeof(Connection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";

    private static int Fail(TextWriter stderr, string message, string? url, int code)
    {
        stderr.WriteLine(ErrorText.OneLine(message, url));
        return code;
    }
}
