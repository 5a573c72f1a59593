namespace Kombu.Cli.CommandLine;

/// <summary>The options and positional arguments one command accepts, and its help text.</summary>
/// <param name="Name">The command as typed, such as <c>publish</c> or <c>declare queue</c>.</param>
/// <param name="Synopsis">The usage line after the command name.</param>
/// <param name="Summary">One sentence saying what the command does.</param>
/// <param name="ValueOptions">Options that take a value (<c>--url</c> is added to every command).</param>
/// <param name="FlagOptions">Options that take no value.</param>
/// <param name="RepeatableOptions">Value options that may be given more than once.</param>
/// <param name="MinPositionals">Fewest positional arguments.</param>
/// <param name="MaxPositionals">Most positional arguments.</param>
public sealed record CommandSpec(
    string Name,
    string Synopsis,
    string Summary,
    IReadOnlyList<string> ValueOptions,
    IReadOnlyList<string>? FlagOptions = null,
    IReadOnlyList<string>? RepeatableOptions = null,
    int MinPositionals = 0,
    int MaxPositionals = 0)
{
    /// <summary>Whether <paramref name="option"/> takes a value.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns><see langword="true"/> for value and repeatable options.</returns>
    public bool TakesValue(string option) =>
        option == "--url" || ValueOptions.Contains(option) || (RepeatableOptions?.Contains(option) ?? false);

    /// <summary>Whether <paramref name="option"/> is a flag without a value.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns><see langword="true"/> for flags (including <c>--help</c>).</returns>
    public bool IsFlag(string option) => option == "--help" || (FlagOptions?.Contains(option) ?? false);

    /// <summary>Whether <paramref name="option"/> may be repeated.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns><see langword="true"/> for repeatable options.</returns>
    public bool IsRepeatable(string option) => RepeatableOptions?.Contains(option) ?? false;
}
