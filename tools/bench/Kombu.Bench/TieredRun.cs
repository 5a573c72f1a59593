using System.Diagnostics;
using System.Text.Json;

namespace Kombu.Bench;

/// <summary>
/// Runs our rows again in a child process with the runtime's defaults (tiered compilation on, as users get it), while
/// the harness itself runs fully optimized code from the start (<c>DOTNET_TieredCompilation=0</c> in run.sh).
/// </summary>
public static class TieredRun
{
    /// <summary>The argument that makes the harness the child: our rows only, printed as JSON.</summary>
    public const string ChildFlag = "--tiered-child";

    /// <summary>Runs the child with the same arguments (but <c>--readme</c>) and reads its values.</summary>
    /// <param name="arguments">The harness arguments.</param>
    /// <returns>Our value per <c>broker|measure</c>.</returns>
    /// <exception cref="InvalidOperationException">The child failed.</exception>
    public static Dictionary<string, double> Run(IReadOnlyList<string> arguments)
    {
        Console.Error.WriteLine("bench: our rows again with default tiered compilation (child process)");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(TieredRun).Assembly.Location);
        foreach (var argument in arguments.Where(a => a != "--readme"))
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add(ChildFlag);
        start.Environment.Remove("DOTNET_TieredCompilation");
        using var child = Process.Start(start) ?? throw new InvalidOperationException("bench: cannot start the tiered child");
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"bench: the tiered child exited with {child.ExitCode}");
        return JsonSerializer.Deserialize<Dictionary<string, double>>(output.Trim())
            ?? throw new InvalidOperationException("bench: the tiered child printed no values");
    }
}
