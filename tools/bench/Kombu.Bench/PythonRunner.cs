using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Kombu.Bench;

/// <summary>Runs tools/interop/bench_kombu.py with Debian's Python Kombu 5 and reads the rates it prints.</summary>
public static class PythonRunner
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Whether /usr/bin/python3 can import kombu.</summary>
    /// <returns><see langword="true"/> when Python Kombu is installed.</returns>
    public static bool Available()
    {
        if (!File.Exists(Python))
            return false;
        var (code, _) = Execute(["-c", "import kombu"], TimeSpan.FromSeconds(30));
        return code == 0;
    }

    /// <summary>Publishes then consumes with Python Kombu; with <paramref name="confirm"/>, only publishes confirmed.</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="url">The broker URL.</param>
    /// <param name="work">The work.</param>
    /// <param name="confirm">Measure confirmed publishing instead.</param>
    /// <returns>The rates (consume is 0 for a confirmed run).</returns>
    /// <exception cref="InvalidOperationException">The script failed.</exception>
    public static Rates Run(string root, string url, BenchWork work, bool confirm = false)
    {
        var count = confirm ? work.ConfirmCount : work.Count;
        List<string> args = [Path.Combine(root, "tools", "interop", "bench_kombu.py"), url,
            count.ToString(CultureInfo.InvariantCulture), "--prefetch", work.Prefetch.ToString(CultureInfo.InvariantCulture)];
        if (confirm)
            args.Add("--confirm");
        var (code, output) = Execute(args, TimeSpan.FromMinutes(10));
        if (code != 0)
            throw new InvalidOperationException($"bench_kombu.py exited {code}: {output}");
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using var json = JsonDocument.Parse(last);
        return new Rates(json.RootElement.GetProperty("publish").GetDouble(), json.RootElement.GetProperty("consume").GetDouble());
    }

    /// <summary>Times pidbox calls with Python Kombu: a node on a thread with its own connection, as ours.</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="url">The broker URL.</param>
    /// <param name="work">The work.</param>
    /// <returns>The 50th and 99th percentile round trip, in milliseconds.</returns>
    /// <exception cref="InvalidOperationException">The script failed.</exception>
    public static (double P50, double P99) RunPidbox(string root, string url, BenchWork work)
    {
        var (code, output) = Execute([Path.Combine(root, "tools", "interop", "bench_kombu.py"), url,
            work.PidboxCalls.ToString(CultureInfo.InvariantCulture), "--pidbox"], TimeSpan.FromMinutes(10));
        if (code != 0)
            throw new InvalidOperationException($"bench_kombu.py --pidbox exited {code}: {output}");
        using var json = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        return (json.RootElement.GetProperty("p50").GetDouble(), json.RootElement.GetProperty("p99").GetDouble());
    }

    private static (int Code, string Output) Execute(IEnumerable<string> args, TimeSpan limit)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + Python);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bench_kombu.py did not finish in " + limit);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
