using System.Diagnostics;

namespace Kombu.Tests.Cli;

/// <summary>Runs the kombu tool as a child process (<c>dotnet Kombu.Cli.dll</c>, built with the tests), as scripts run it.</summary>
internal static class CliProcess
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static CliResult Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Kombu.Cli.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment.Remove("KOMBU_URL");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the kombu CLI");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Deadline))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kombu {string.Join(' ', args)} did not exit within {Deadline.TotalSeconds} s");
        }
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
