using System.Globalization;

namespace Kombu.Cli.CommandLine;

/// <summary>The options and positional arguments of one command line, with typed accessors that report bad values.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <summary>Creates an empty result for a command.</summary>
    /// <param name="spec">The command whose arguments these are.</param>
    public ParsedArguments(CommandSpec spec) => Spec = spec;

    /// <summary>The command these arguments belong to.</summary>
    public CommandSpec Spec { get; }

    /// <summary>Positional arguments, in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>Records a value option.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <param name="value">Its value.</param>
    public void AddValue(string option, string value)
    {
        if (!_values.TryGetValue(option, out var list))
            _values[option] = list = [];
        list.Add(value);
    }

    /// <summary>Records a flag.</summary>
    /// <param name="option">The flag name with its dashes.</param>
    public void AddFlag(string option) => _flags.Add(option);

    /// <summary>Whether a flag was given.</summary>
    /// <param name="option">The flag name with its dashes.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Has(string option) => _flags.Contains(option) || _values.ContainsKey(option);

    /// <summary>The last value of an option, or <see langword="null"/>.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns>The value given last.</returns>
    public string? Get(string option) => _values.TryGetValue(option, out var list) ? list[^1] : null;

    /// <summary>The value of a required option.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="UsageException">The option is missing.</exception>
    public string Require(string option) =>
        Get(option) ?? throw new UsageException($"{Spec.Name}: missing required option {option}");

    /// <summary>Every value of a repeatable option, in order.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns>The values; empty when absent.</returns>
    public IReadOnlyList<string> GetAll(string option) => _values.TryGetValue(option, out var list) ? list : [];

    /// <summary>An integer option.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <param name="min">Smallest accepted value.</param>
    /// <param name="max">Largest accepted value.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    /// <exception cref="UsageException">The value is not an integer from <paramref name="min"/> to <paramref name="max"/>.</exception>
    public int? GetInt(string option, int min = 0, int max = int.MaxValue)
    {
        var text = Get(option);
        if (text is null)
            return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException(max == int.MaxValue
                ? $"{Spec.Name}: {option} expects an integer >= {min}, got '{text}'"
                : $"{Spec.Name}: {option} expects an integer from {min} to {max}, got '{text}'");
    }

    /// <summary>A duration option given in seconds.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <returns>The duration, or <see langword="null"/> when absent.</returns>
    /// <exception cref="UsageException">The value is not a non-negative number.</exception>
    public TimeSpan? GetSeconds(string option)
    {
        var text = Get(option);
        if (text is null)
            return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) &&
               seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"{Spec.Name}: {option} expects a number of seconds, got '{text}'");
    }

    /// <summary>A boolean option spelled <c>true</c>/<c>false</c> (also yes/no, 1/0).</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <param name="defaultValue">The value when absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="UsageException">The value is not a boolean.</exception>
    public bool GetBool(string option, bool defaultValue) => Get(option)?.ToLowerInvariant() switch
    {
        null => defaultValue,
        "true" or "yes" or "1" or "on" => true,
        "false" or "no" or "0" or "off" => false,
        var other => throw new UsageException($"{Spec.Name}: {option} expects true or false, got '{other}'"),
    };

    /// <summary>An option restricted to a few words.</summary>
    /// <param name="option">The option name with its dashes.</param>
    /// <param name="choices">The accepted words.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    /// <exception cref="UsageException">The value is not one of <paramref name="choices"/>.</exception>
    public string? GetChoice(string option, params string[] choices)
    {
        var text = Get(option);
        return text is null || choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new UsageException($"{Spec.Name}: {option} expects one of {string.Join("|", choices)}, got '{text}'");
    }
}
