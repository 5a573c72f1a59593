using Kombu.Cli.CommandLine;

namespace Kombu.Cli.Commands;

/// <summary>One <c>kombu</c> command: what it accepts and how it runs.</summary>
public interface ICommand
{
    /// <summary>The options and arguments it accepts, with its help text.</summary>
    CommandSpec Spec { get; }

    /// <summary>Runs the command.</summary>
    /// <param name="context">Arguments, URL and output.</param>
    /// <returns>The process exit code.</returns>
    int Execute(CliContext context);
}
