using System.Globalization;

namespace Kombu.Bench;

/// <summary>
/// How publishing and consuming grow with the body size: 100 B, 10 KB and 1 MB bodies of bytes (not serialized), ours
/// against the raw driver sending the same bytes, publish all then consume with acks.
/// </summary>
public static class BodySizeCurve
{
    /// <summary>The body sizes measured, in bytes.</summary>
    public static readonly int[] Sizes = [100, 10 * 1024, 1024 * 1024];

    /// <summary>Measures ours and the raw driver on every broker at every size.</summary>
    /// <param name="sections">The brokers.</param>
    /// <param name="count">Messages per run at 100 B (fewer at larger sizes: about 50 MB at most per run).</param>
    /// <param name="withRaw">Whether to run the raw drivers.</param>
    /// <returns>The curve (rates of publish then consume, as <see cref="Rates.Both"/>).</returns>
    public static Curve Measure(IReadOnlyList<BrokerSection> sections, int count, bool withRaw)
    {
        List<CurveSeries> series = [];
        foreach (var section in sections)
        {
            Console.Error.WriteLine($"bench: {section.Name}: publish and consume bodies of 100 B, 10 KB, 1 MB");
            var ours = new double?[Sizes.Length];
            var raw = new double?[Sizes.Length];
            // Untimed: the JIT and the connection code warm.
            OursRunner.Run(section.Url, new BenchWork(1_000, 100, 0, 0), preEncoded: RawPayload.Sized(Sizes[0]).Body(0));
            for (var i = 0; i < Sizes.Length; i++)
            {
                var work = new BenchWork(CountFor(Sizes[i], count), 100, 0, 0);
                var body = RawPayload.Sized(Sizes[i]);
                var rawRates = withRaw && section.RawDriver is not null ? section.RunRawAsync(work, body).GetAwaiter().GetResult() : null;
                var oursRates = OursRunner.Run(section.Url, work, preEncoded: body.Body(0));
                raw[i] = rawRates?.Both;
                ours[i] = oursRates.Both;
                var rawNote = rawRates is null
                    ? ""
                    : string.Create(CultureInfo.InvariantCulture, $"; raw publish {rawRates.Publish:N0}/s, consume {rawRates.Consume:N0}/s");
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench: {section.Name} {Sizes[i]} B: ours publish {oursRates.Publish:N0}/s, consume {oursRates.Consume:N0}/s{rawNote}"));
            }
            series.Add(new CurveSeries($"{section.Name} ours", ours));
            if (raw.Any(r => r is not null))
                series.Add(new CurveSeries($"{section.Name} raw", raw));
        }
        return new Curve(string.Create(CultureInfo.InvariantCulture,
                $"Publish then consume with acks, bodies of bytes (not serialized), {count:N0} messages at 100 B, fewer above (50 MB a run at most)"),
            "body size", Sizes, ["100 B", "10 KB", "1 MB"], series);
    }

    private static int CountFor(int size, int count) => Math.Clamp(50 * 1024 * 1024 / size, 50, count);
}
