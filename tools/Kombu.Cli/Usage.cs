using Kombu.Cli.CommandLine;

namespace Kombu.Cli;

/// <summary>The help text: the whole tool, or one command with a sentence for each option.</summary>
public static class Usage
{
    private const int OptionColumn = 30;

    /// <summary>Help for every command.</summary>
    /// <returns>The text, ending with a newline.</returns>
    public static string All()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("usage: kombu [--url URL] [--verbose] COMMAND [OPTIONS]");
        text.AppendLine();
        text.AppendLine("Kombu for .NET messaging tool. Every command takes --url URL (default: $KOMBU_URL, else memory://).");
        text.AppendLine();
        text.AppendLine("commands:");
        foreach (var command in CommandTable.All)
            AppendSynopsis(text, command.Spec);
        text.AppendLine("  help [COMMAND]");
        text.AppendLine("      Show this help, or one command's with each of its options.");
        text.AppendLine();
        text.AppendLine("options: --help (also after a command), --version, --verbose (log to stderr)");
        text.AppendLine("exit status: 0 success, 1 failure (broker unreachable, refused, timed out), 2 bad input");
        return text.ToString();
    }

    /// <summary>Help for one command: its usage line, what it does, and one line per option.</summary>
    /// <param name="spec">The command.</param>
    /// <returns>The text, ending with a newline.</returns>
    public static string For(CommandSpec spec)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("usage:");
        AppendSynopsis(text, spec);
        text.AppendLine();
        text.AppendLine("options:");
        foreach (var option in spec.Options.Concat(OptionSpec.Common))
        {
            var name = option.IsFlag ? option.Name : $"{option.Name} {option.Value}";
            text.Append("  ").Append(name.PadRight(OptionColumn - 3)).Append(' ');
            if (name.Length > OptionColumn - 3)
                text.AppendLine().Append(' ', OptionColumn);
            text.Append(option.Help);
            if (option.Repeatable)
                text.Append(" May be repeated.");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static void AppendSynopsis(System.Text.StringBuilder text, CommandSpec spec)
    {
        text.Append("  kombu ").Append(spec.Name).Append(' ').AppendLine(spec.Synopsis);
        text.Append("      ").AppendLine(spec.Summary);
    }
}
