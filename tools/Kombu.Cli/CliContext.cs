using Kombu.Cli.CommandLine;
using Kombu.Exceptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kombu.Cli;

/// <summary>What a command runs with: its arguments, the broker URL, and where output and progress go.</summary>
/// <param name="Args">The parsed arguments.</param>
/// <param name="Stdout">Where results go.</param>
/// <param name="Stderr">Where progress and summaries go.</param>
/// <param name="Interactive">Whether stderr is a terminal, so a progress bar may be drawn.</param>
public sealed record CliContext(ParsedArguments Args, TextWriter Stdout, TextWriter Stderr, bool Interactive)
{
    /// <summary>The environment variable that gives the default broker URL.</summary>
    public const string UrlVariable = "KOMBU_URL";

    /// <summary>The broker URL: <c>--url</c>, else <c>KOMBU_URL</c>, else <c>memory://</c>.</summary>
    public string Url => Args.Get("--url") ?? DefaultUrl();

    /// <summary>The transport option that turns on publisher confirms (AMQP).</summary>
    public const string ConfirmOption = "confirm_publish";

    /// <summary>Where the library logs: the console (stderr) with <c>--verbose</c>, else nowhere.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Creates (without connecting) a connection to <see cref="Url"/>, its transport loaded.</summary>
    /// <param name="heartbeat">The heartbeat interval (where the transport has heartbeats) unless the URL gives one.</param>
    /// <returns>The connection; dispose it.</returns>
    /// <exception cref="UsageException">The URL is malformed, names an unknown transport or has an unsupported option.</exception>
    public Connection CreateConnection(TimeSpan? heartbeat = null)
    {
        Connection? connection = null;
        try
        {
            connection = new Connection(Url, heartbeat: heartbeat, loggerFactory: LoggerFactory);
            // Loading the transport reads the URL's path and transport options: a bad one is bad input, not a failure.
            _ = connection.Transport;
            return connection;
        }
        catch (Exception ex) when (ex is ArgumentException or TransportNotFoundException)
        {
            connection?.Dispose();
            throw new UsageException(ErrorText.Describe(ex));
        }
    }

    /// <summary>Checks <see cref="Url"/> as <see cref="CreateConnection"/> does, without keeping the connection.</summary>
    /// <exception cref="UsageException">The URL is bad.</exception>
    public void CheckUrl() => CreateConnection().Dispose();

    /// <summary>Opens a connection to <see cref="Url"/> and establishes it.</summary>
    /// <param name="confirm">
    /// Ask for publisher confirms where the transport has them (AMQP), unless the URL's <c>?confirm_publish=</c> says
    /// otherwise; <see langword="false"/> turns them off.
    /// </param>
    /// <param name="heartbeat">The heartbeat interval (where the transport has heartbeats) unless the URL gives one.</param>
    /// <returns>The connected connection; dispose it.</returns>
    public Connection Connect(bool? confirm = null, TimeSpan? heartbeat = null)
    {
        var connection = CreateConnection(heartbeat);
        try
        {
            if (confirm is { } on && connection.Transport.DriverType == "amqp")
            {
                if (on)
                    connection.TransportOptions.TryAdd(ConfirmOption, true);
                else
                    connection.TransportOptions[ConfirmOption] = false;
            }
            connection.Connect();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Creates a progress bar, drawn only when stderr is a terminal and more than one step is expected.</summary>
    /// <param name="label">What is counted.</param>
    /// <param name="total">Steps expected, or <see langword="null"/> when unknown.</param>
    /// <returns>The progress bar.</returns>
    public ProgressBar Progress(string label, int? total) =>
        new(Stderr, label, total, Interactive && total is > 1);

    /// <summary>The URL used when <c>--url</c> is absent.</summary>
    /// <returns><c>KOMBU_URL</c> if set and non-empty, else <c>memory://</c>.</returns>
    public static string DefaultUrl() =>
        Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : "memory://";
}
