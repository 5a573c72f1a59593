namespace Kombu.Cli.CommandLine;

/// <summary>The options and positional arguments one command accepts, and its help text.</summary>
/// <param name="Name">The command as typed, such as <c>publish</c> or <c>declare queue</c>.</param>
/// <param name="Synopsis">The usage line after the command name.</param>
/// <param name="Summary">One sentence saying what the command does.</param>
/// <param name="Options">Its own options, in the order help lists them (<see cref="OptionSpec.Common"/> are added to every command).</param>
/// <param name="MinPositionals">Fewest positional arguments.</param>
/// <param name="MaxPositionals">Most positional arguments.</param>
public sealed record CommandSpec(
    string Name,
    string Synopsis,
    string Summary,
    IReadOnlyList<OptionSpec> Options,
    int MinPositionals = 0,
    int MaxPositionals = 0)
{
    /// <summary>Finds an option of this command, or one every command takes.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns>The option, or <see langword="null"/> when the command has none of that name.</returns>
    public OptionSpec? Find(string option) =>
        Options.FirstOrDefault(o => o.Name == option) ?? OptionSpec.Common.FirstOrDefault(o => o.Name == option);

    /// <summary>Whether <paramref name="option"/> takes a value.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns><see langword="true"/> for value and repeatable options.</returns>
    public bool TakesValue(string option) => Find(option) is { IsFlag: false };

    /// <summary>Whether <paramref name="option"/> is a flag without a value.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns><see langword="true"/> for flags (including <c>--help</c> and <c>--verbose</c>).</returns>
    public bool IsFlag(string option) => Find(option) is { IsFlag: true };

    /// <summary>Whether <paramref name="option"/> may be repeated.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns><see langword="true"/> for repeatable options (and <c>--url</c>, whose last value wins).</returns>
    public bool IsRepeatable(string option) => option == "--url" || Find(option) is { Repeatable: true };
}
