using System.Globalization;
using System.Runtime.InteropServices;

namespace Kombu.Bench;

/// <summary>Runs every selected broker section through raw driver, ours and Python Kombu, and prints the table.</summary>
/// <param name="options">The command line.</param>
/// <param name="root">The repository root (for the Python script and README.md).</param>
public sealed class Harness(HarnessOptions options, string root)
{
    /// <summary>Runs the harness.</summary>
    /// <returns>The process exit code.</returns>
    public int Run()
    {
        var sections = Sections();
        var work = options.Work();
        if (options.CurvesOnly is not null)
        {
            Console.WriteLine(RunCurves(sections, work));
            return 0;
        }
        var python = options.Python && PythonRunner.Available();
        var withRaw = !options.OursOnly;
        if (options.Python && !python)
            Console.Error.WriteLine("bench: /usr/bin/python3 cannot import kombu (bash tools/brokers/python-peers.sh start); Python runs skipped");
        var json = RawPayload.Json(work.Count);
        var encodedOnce = RawPayload.Bytes();
        var table = new ResultTable();
        foreach (var section in sections)
        {
            section.EnsureAvailableAsync().GetAwaiter().GetResult();
            Warmup(section, work);
            Log($"{section.Name}: {work.Count} messages, prefetch {work.Prefetch}");
            // The clients take turns, round after round, and each one's median counts: the machine is shared.
            List<Rates> raws = [], ourses = [], pys = [], rawBytes = [], oursBytes = [];
            List<double> asyncs = [];
            var cpu = new CpuMeter();
            for (var round = 0; round < options.Rounds; round++)
            {
                if (section.RawDriver is not null && withRaw)
                    raws.Add(cpu.Measure("raw", () => section.RunRawAsync(work, json).GetAwaiter().GetResult())!);
                ourses.Add(cpu.Measure("ours", () => OursRunner.Run(section.Url, work)));
                asyncs.Add(OursRunner.RunPublishAsync(section.Url, work).GetAwaiter().GetResult());
                if (section.RawDriver is not null)
                {
                    if (withRaw)
                        rawBytes.Add(section.RunRawAsync(work, encodedOnce).GetAwaiter().GetResult()!);
                    oursBytes.Add(OursRunner.Run(section.Url, work, preEncoded: BenchBody.Encoded()));
                }
                if (python)
                    pys.Add(PythonRunner.Run(root, section.Url, work));
            }
            Log($"{section.Name}: client CPU per message published and consumed: {cpu.Report(work.Count)}");
            var raw = Rates.Median(raws);
            var ours = Rates.Median(ourses)!;
            var py = Rates.Median(pys);
            table.Add(section.Name, "publish", raw?.Publish, ours.Publish, py?.Publish);
            table.Add(section.Name, "publish, PublishAsync awaited", raw?.Publish, Rates.Median(asyncs), py?.Publish);
            table.Add(section.Name, $"consume, ack each (prefetch {work.Prefetch})", raw?.Consume, ours.Consume, py?.Consume);
            table.Add(section.Name, "publish + consume", raw?.Both, ours.Both, py?.Both);
            table.Spread(section.Name, "publish", ourses.Select(r => r.Publish));
            table.Spread(section.Name, "publish, PublishAsync awaited", asyncs);
            table.Spread(section.Name, $"consume, ack each (prefetch {work.Prefetch})", ourses.Select(r => r.Consume));
            table.Spread(section.Name, "publish + consume", ourses.Select(r => r.Both));
            if (Rates.Median(oursBytes) is { } ob)
            {
                var rb = Rates.Median(rawBytes);
                table.Add(section.Name, "publish, one body encoded once", rb?.Publish, ob.Publish, null);
                table.Add(section.Name, "consume, bodies not decoded", rb?.Consume, ob.Consume, null);
            }
            Log($"{section.Name}: {work.Count} messages with PublishBatch, {work.Batch} a batch");
            var batch = RunBatchRounds(section, work, json, confirmed: false, withRaw);
            table.Add(section.Name, $"publish, PublishBatch of {work.Batch} (Python: one by one)", batch.Raw, batch.Ours, py?.Publish);
            table.Spread(section.Name, $"publish, PublishBatch of {work.Batch} (Python: one by one)", batch.Rounds);
            table.Note(string.Create(CultureInfo.InvariantCulture,
                $"{section.Name}: PublishBatch is {batch.Ours / ours.Publish:0.0}× our one-by-one publish"));
            if (section.HasInterleaved)
            {
                Log($"{section.Name}: {work.Count} messages published and consumed one by one");
                foreach (var body in Enum.GetValues<InterleavedBody>())
                {
                    var (rate, bytes) = InterleavedRunner.Run(section.Url, work.Count, body);
                    var what = body switch
                    {
                        InterleavedBody.JsonTyped => "JSON body, typed (System.Text.Json source-generated)",
                        InterleavedBody.RawBytes => "100 raw bytes (transport only)",
                        _ => "JSON body",
                    };
                    table.Add(section.Name, $"publish + consume one by one, {what}", null, rate, null);
                    table.Add(section.Name, $"allocated per message one by one, {what}", null, bytes, null, unit: MeasureUnit.Bytes);
                }
            }
            if (section.HasConfirms)
            {
                Log($"{section.Name}: {work.ConfirmCount} confirmed publishes, {options.Rounds} rounds");
                List<double> rawConfirmed = [], oursConfirmed = [], pyConfirmed = [];
                for (var round = 0; round < options.Rounds; round++)
                {
                    if (withRaw && section.RunRawConfirmedAsync(work, json).GetAwaiter().GetResult() is { } rc)
                        rawConfirmed.Add(rc);
                    oursConfirmed.Add(OursRunner.RunConfirmed(section.Url, work));
                    if (python)
                        pyConfirmed.Add(PythonRunner.Run(root, section.Url, work, confirm: true).Publish);
                }
                table.Add(section.Name, "publish, confirm each", MedianOrNull(rawConfirmed), Rates.Median(oursConfirmed),
                    MedianOrNull(pyConfirmed));
                table.Spread(section.Name, "publish, confirm each", oursConfirmed);
                Log($"{section.Name}: {work.Count} confirmed messages with PublishBatch, {work.Batch} a batch");
                var confirmedBatch = RunBatchRounds(section, work, json, confirmed: true, withRaw);
                table.Add(section.Name, $"publish, confirmed PublishBatch of {work.Batch} (Python: confirm each)",
                    confirmedBatch.Raw, confirmedBatch.Ours, MedianOrNull(pyConfirmed));
                table.Spread(section.Name, $"publish, confirmed PublishBatch of {work.Batch} (Python: confirm each)", confirmedBatch.Rounds);
                table.Note(string.Create(CultureInfo.InvariantCulture,
                    $"{section.Name}: confirmed PublishBatch is {confirmedBatch.Ours / Rates.Median(oursConfirmed):0.0}× our confirm-each publish"));
            }
            if (section.HasConsumeLatency)
            {
                Log($"{section.Name}: {work.PidboxCalls} single messages to an idle consumer");
                var (p50, p99) = LatencyRunner.Run(section.Url, work.PidboxCalls);
                table.Add(section.Name, "consume latency p50 (idle consumer)", null, p50, null, unit: MeasureUnit.Milliseconds);
                table.Add(section.Name, "consume latency p99 (idle consumer)", null, p99, null, unit: MeasureUnit.Milliseconds);
            }
            if (section.HasPidbox)
            {
                Log($"{section.Name}: {work.PidboxCalls} pidbox calls");
                var (p50, p99) = PidboxRunner.Run(section.Url, work);
                var rawRoundTrip = withRaw ? section.RunRawRoundTripAsync(work.PidboxCalls).GetAwaiter().GetResult() : null;
                var pyPidbox = python ? PythonRunner.RunPidbox(root, section.Url, work) : ((double, double)?)null;
                table.Add(section.Name, "pidbox call round trip p50", rawRoundTrip?.P50, p50, pyPidbox?.Item1, unit: MeasureUnit.Milliseconds);
                table.Add(section.Name, "pidbox call round trip p99", rawRoundTrip?.P99, p99, pyPidbox?.Item2, unit: MeasureUnit.Milliseconds);
            }
        }
        var curves = options.Curves ? RunCurves(sections, work) : null;
        if (options.OursOnly)
        {
            Console.WriteLine(table.ToJson());
            return 0;
        }
        if (options.Tiered)
            table.AddTiered(TieredRun.Run(options.Arguments));
        var markdown = table.ToMarkdown(Header(work, python));
        Console.WriteLine(markdown);
        if (curves is not null)
            Console.WriteLine(curves);
        if (options.Readme)
        {
            ReadmeBlock.Write(Path.Combine(root, "README.md"), curves is null ? markdown : markdown + Environment.NewLine + curves);
            Log("README.md updated");
        }
        return 0;
    }

    private List<BrokerSection> Sections()
    {
        var all = typeof(BrokerSection).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(BrokerSection)) && !t.IsAbstract)
            .Select(t => (BrokerSection)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Order)
            .ToList();
        if (options.Brokers is null)
            return all;
        var unknown = options.Brokers.Where(b => all.All(s => s.Name != b)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown broker(s) {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(s => s.Name))}");
        return all.Where(s => options.Brokers.Contains(s.Name)).ToList();
    }

    // A short untimed run so the JIT, the connection code and the broker are warm before the timed runs.
    private static void Warmup(BrokerSection section, BenchWork work) =>
        OursRunner.Run(section.Url, work with { Count = Math.Min(work.Count, 20_000) });

    private string Header(BenchWork work, bool python)
    {
        var rounds = options.Rounds;
        var pythonNote = python ? "Python Kombu from Debian's python3-kombu" : "Python Kombu not run";
        return string.Create(CultureInfo.InvariantCulture,
            $"Measured by `bash tools/bench/run.sh` on {DateTime.UtcNow:yyyy-MM-dd}: {work.Count:N0} messages of a {BenchBody.Size}-byte JSON body per run, median of {rounds} rounds (publish all, then consume with manual ack, prefetch {work.Prefetch}), {work.ConfirmCount:N0} confirmed publishes, {work.PidboxCalls:N0} pidbox calls; brokers on 127.0.0.1, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {pythonNote}; load average {LoadAverage()} at the end. `ours` runs fully optimized code from the start (`DOTNET_TieredCompilation=0`), `ours, tiered JIT` the runtime's defaults, as users run it; `ours spread` is half the range of our rounds over their median.");
    }

    // The cost growth curves (queues, body size, consumers), printed as tables and plotted to tools/bench/out/curves.svg.
    private string RunCurves(List<BrokerSection> sections, BenchWork work)
    {
        var count = Math.Min(work.Count, 10_000);
        foreach (var section in sections)
            section.EnsureAvailableAsync().GetAwaiter().GetResult();
        var only = options.CurvesOnly;
        List<Curve> curves = [];
        if (only is null || only.Contains("queues"))
            curves.Add(QueueCurve.Measure(sections, count));
        if (only is null || only.Contains("size"))
            curves.Add(BodySizeCurve.Measure(sections, count, withRaw: true));
        if (only is null || only.Contains("consumers"))
            curves.Add(ConsumerCurve.Measure(sections, count));
        var svg = Path.Combine(root, "tools", "bench", "out", "curves.svg");
        CurvePlot.Write(curves, svg);
        Log($"curves plotted to {svg}");
        return string.Join(Environment.NewLine, curves.Select(c => c.ToMarkdown()));
    }

    private (double? Raw, double Ours, List<double> Rounds) RunBatchRounds(BrokerSection section, BenchWork work, RawPayload json, bool confirmed,
        bool withRaw)
    {
        List<double> raws = [], ourses = [];
        for (var round = 0; round < options.Rounds; round++)
        {
            if (withRaw && section.RunRawBatchAsync(work, json, confirmed).GetAwaiter().GetResult() is { } raw)
                raws.Add(raw);
            ourses.Add(OursRunner.RunBatch(section.Url, work, confirmed));
        }
        return (MedianOrNull(raws), Rates.Median([.. ourses]), ourses);
    }

    // The 1-minute load average: the machine is shared, and the figures move with it.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static double? MedianOrNull(List<double> values) => values.Count == 0 ? null : Rates.Median(values);

    private static void Log(string line) => Console.Error.WriteLine("bench: " + line);
}
