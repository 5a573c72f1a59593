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
}
