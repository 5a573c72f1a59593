using System.Globalization;

namespace Kombu.Bench;

/// <summary>The harness command line: <c>[--count N] [--rounds R] [--brokers a,b] [--readme] [--smoke] [--no-python] [--no-tiered] [--no-curves] [--curves queues,size,consumers]</c>.</summary>
public sealed class HarnessOptions
{
    /// <summary>Messages per run.</summary>
    public int Count { get; private set; } = 50_000;

    /// <summary>Broker names to run, or <see langword="null"/> for all.</summary>
    public IReadOnlyList<string>? Brokers { get; private set; }

    /// <summary>Whether to rewrite the README block.</summary>
    public bool Readme { get; private set; }

    /// <summary>Smoke mode: a few thousand messages, memory only unless brokers are named.</summary>
    public bool Smoke { get; private set; }

    /// <summary>Rounds per broker; each client's median counts.</summary>
    public int Rounds { get; private set; } = 3;

    /// <summary>Whether to run Python Kombu.</summary>
    public bool Python { get; private set; } = true;

    /// <summary>Whether to run our rows again in a child process with default tiered compilation (not in smoke runs).</summary>
    public bool Tiered { get; private set; } = true;

    /// <summary>Whether to measure the cost growth curve in queues (not in smoke runs, nor in the tiered child).</summary>
    public bool Curves { get; private set; } = true;

    /// <summary>The curves to measure alone, without the table (<c>--curves queues,size,consumers</c>), or <see langword="null"/>.</summary>
    public IReadOnlyList<string>? CurvesOnly { get; private set; }

    /// <summary>The child of a tiered run: only our rows, printed as JSON.</summary>
    public bool OursOnly { get; private set; }

    /// <summary>The arguments as given, for the tiered child.</summary>
    public IReadOnlyList<string> Arguments { get; private set; } = [];

    /// <summary>Prefetch window of every consumer.</summary>
    public int Prefetch => 100;

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">An unknown or incomplete argument.</exception>
    public static HarnessOptions Parse(string[] args)
    {
        var options = new HarnessOptions { Arguments = args };
        int? count = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length:
                    count = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--brokers" when i + 1 < args.Length:
                    options.Brokers = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--rounds" when i + 1 < args.Length:
                    options.Rounds = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--readme":
                    options.Readme = true;
                    break;
                case "--smoke":
                    options.Smoke = true;
                    break;
                case "--no-python":
                    options.Python = false;
                    break;
                case "--no-tiered":
                    options.Tiered = false;
                    break;
                case "--no-curves":
                    options.Curves = false;
                    break;
                case "--curves" when i + 1 < args.Length:
                    options.CurvesOnly = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case TieredRun.ChildFlag:
                    options.OursOnly = true;
                    options.Curves = false;
                    options.Python = false;
                    options.Tiered = false;
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}; usage: run.sh [--count N] [--rounds R] [--brokers memory,amqp] [--readme] [--smoke] [--no-python] [--no-tiered] [--no-curves] [--curves queues,size,consumers]");
            }
        }
        if (options.Smoke)
        {
            options.Brokers ??= ["memory"];
            options.Rounds = 1;
            options.Tiered = false;
            options.Curves = false;
        }
        options.Count = count ?? (options.Smoke ? 3_000 : options.Count);
        return options;
    }

    /// <summary>The work for each broker.</summary>
    /// <returns>The work.</returns>
    public BenchWork Work() => new(Count, Prefetch, Math.Clamp(Count / 10, 200, 5_000), Math.Clamp(Count / 20, 100, 2_000));
}
