using Kombu.Cli.CommandLine;

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

    /// <summary>Opens a connection to <see cref="Url"/> and establishes it.</summary>
    /// <param name="confirm">
    /// Ask for publisher confirms where the transport has them (AMQP), unless the URL's <c>?confirm_publish=</c> says
    /// otherwise; <see langword="false"/> turns them off.
    /// </param>
    /// <returns>The connected connection; dispose it.</returns>
    public Connection Connect(bool? confirm = null)
    {
        var connection = new Connection(Url);
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
