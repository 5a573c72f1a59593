using System.Diagnostics;

namespace Kombu.Tests.Support;

/// <summary>Runs the Python peers of interop tests: scripts in <c>tools/interop/</c> under Debian's /usr/bin/python3.</summary>
internal static class PythonPeer
{
    /// <summary>The interpreter that sees Debian's python3-kombu and python3-celery.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The command that installs the Python peers.</summary>
    public const string InstallCommand = "bash tools/brokers/python-peers.sh start";

    /// <summary>Runs <c>tools/interop/SCRIPT</c> to completion and returns its standard output.</summary>
    /// <param name="script">The script file name, such as <c>kombu_peer.py</c>.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="timeout">How long it may run (default 60 s).</param>
    /// <param name="stdin">Text to write to its standard input, if any.</param>
    /// <returns>What it printed on standard output.</returns>
    public static string Run(string script, IEnumerable<string> args, TimeSpan? timeout = null, string? stdin = null)
    {
        using var process = Start(script, args, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Python peer {script} did not finish in time. stderr: {stderr.Result}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"Python peer {script} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Starts <c>tools/interop/SCRIPT</c> (or any module with <c>-m</c>) and returns the running process.</summary>
    /// <param name="script">The script file name, or <c>-m</c> followed by a module in <paramref name="args"/>.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="redirectInput">Whether to redirect standard input.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <returns>The process, with standard output and error redirected.</returns>
    public static Process Start(string script, IEnumerable<string> args, bool redirectInput = false,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} is missing: install the Python peers with `{InstallCommand}`.");
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Combine("tools", "interop"),
        };
        if (script != "-m")
            info.ArgumentList.Add(RepositoryPaths.Combine("tools", "interop", script));
        else
            info.ArgumentList.Add("-m");
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["PYTHONUNBUFFERED"] = "1";
        info.Environment["PYTHONPATH"] = RepositoryPaths.Combine("tools", "interop");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start " + Python);
    }
}
