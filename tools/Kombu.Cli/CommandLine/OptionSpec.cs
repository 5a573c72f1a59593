namespace Kombu.Cli.CommandLine;

/// <summary>One option of a command: its name, what its value looks like, and a sentence of help.</summary>
/// <param name="Name">The option with its dashes, such as <c>--exchange</c>.</param>
/// <param name="Value">How its value is shown in help (<c>NAME</c>, <c>N</c>…), or <see langword="null"/> for a flag.</param>
/// <param name="Help">One sentence saying what it does.</param>
/// <param name="Repeatable">Whether it may be given more than once (each value is kept).</param>
public sealed record OptionSpec(string Name, string? Value, string Help, bool Repeatable = false)
{
    /// <summary>Whether the option is a flag without a value.</summary>
    public bool IsFlag => Value is null;

    /// <summary>The options every command takes: <c>--url</c>, <c>--verbose</c> and <c>--help</c>.</summary>
    public static IReadOnlyList<OptionSpec> Common { get; } =
    [
        new("--url", "URL", "Broker URL (default: $KOMBU_URL, else memory://); its password is never printed."),
        new("--verbose", null, "Log what the library does (connects, retries, warnings) to stderr."),
        new("--help", null, "Show this help and exit."),
    ];
}
