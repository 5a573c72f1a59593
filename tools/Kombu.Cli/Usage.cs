using Kombu.Cli.CommandLine;

namespace Kombu.Cli;

/// <summary>The help text: the whole tool, or one command.</summary>
public static class Usage
{
    /// <summary>Help for every command.</summary>
    /// <returns>The text, ending with a newline.</returns>
    public static string All()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("usage: kombu [--url URL] COMMAND [OPTIONS]");
        text.AppendLine();
        text.AppendLine("Kombu for .NET messaging tool. Every command takes --url URL (default: $KOMBU_URL, else memory://).");
        text.AppendLine();
        text.AppendLine("commands:");
        foreach (var command in CommandTable.All)
            Append(text, command.Spec);
        text.AppendLine("  help [COMMAND]");
        text.AppendLine("      Show this help, or one command's.");
        text.AppendLine();
        text.AppendLine("options: --help (also after a command), --version");
        return text.ToString();
    }

    /// <summary>Help for one command.</summary>
    /// <param name="spec">The command.</param>
    /// <returns>The text, ending with a newline.</returns>
    public static string For(CommandSpec spec)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("usage:");
        Append(text, spec);
        text.AppendLine("      --url URL: broker URL (default: $KOMBU_URL, else memory://)");
        return text.ToString();
    }

    private static void Append(System.Text.StringBuilder text, CommandSpec spec)
    {
        text.Append("  kombu ").Append(spec.Name).Append(' ').AppendLine(spec.Synopsis);
        text.Append("      ").AppendLine(spec.Summary);
    }
}
