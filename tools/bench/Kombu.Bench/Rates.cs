namespace Kombu.Bench;

/// <summary>Publish and consume rates of one client, in messages per second.</summary>
/// <param name="Publish">Publishing rate.</param>
/// <param name="Consume">Consuming rate (each message acked).</param>
public sealed record Rates(double Publish, double Consume)
{
    /// <summary>Messages per second through publish then consume: N over the sum of both times.</summary>
    public double Both => 1 / (1 / Publish + 1 / Consume);

    /// <summary>Messages per second for <paramref name="count"/> messages in <paramref name="elapsed"/>.</summary>
    /// <param name="count">Messages.</param>
    /// <param name="elapsed">Time taken.</param>
    /// <returns>The rate.</returns>
    public static double PerSecond(int count, TimeSpan elapsed) => count / Math.Max(elapsed.TotalSeconds, 1e-9);

    /// <summary>The median of each rate over several rounds.</summary>
    /// <param name="rounds">The rates of each round.</param>
    /// <returns>The medians, or <see langword="null"/> when there were no rounds.</returns>
    public static Rates? Median(IReadOnlyList<Rates> rounds) =>
        rounds.Count == 0 ? null : new Rates(Median(rounds.Select(r => r.Publish).ToList()), Median(rounds.Select(r => r.Consume).ToList()));

    /// <summary>The median of some values.</summary>
    /// <param name="values">The values (at least one).</param>
    /// <returns>The median.</returns>
    public static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
