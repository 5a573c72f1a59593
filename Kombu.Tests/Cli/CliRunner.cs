using Kombu.Cli;

namespace Kombu.Tests.Cli;

/// <summary>Runs the kombu tool in-process and captures its exit code and output.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A unique name so tests sharing the process-wide memory broker do not meet.</summary>
    public static string Unique(string prefix) => $"cli-{prefix}-{Guid.NewGuid():N}"[..30];
}
