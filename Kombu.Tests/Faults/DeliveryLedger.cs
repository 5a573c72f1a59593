using System.Collections.Concurrent;
using System.Diagnostics;

namespace Kombu.Tests.Faults;

/// <summary>
/// Which of the messages 0..N-1 a fault scenario's consumers received, how often and when: the figures the fault
/// suite asserts (lost, duplicates, time to the first delivery after the broker came back).
/// </summary>
internal sealed class DeliveryLedger(int expected)
{
    private readonly ConcurrentDictionary<long, int> _counts = new();
    private readonly ConcurrentQueue<TimeSpan> _arrivals = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>How many messages were published (bodies 0..N-1).</summary>
    public int Expected => expected;

    /// <summary>How many distinct messages arrived.</summary>
    public int Distinct => _counts.Count;

    /// <summary>How many deliveries repeated a message already received.</summary>
    public int Duplicates => _counts.Values.Sum(n => n - 1);

    /// <summary>How many of the published messages never arrived.</summary>
    public int Lost => Enumerable.Range(0, expected).Count(i => !_counts.ContainsKey(i));

    /// <summary>The time on the ledger's clock (started when it was created).</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Records one delivery of message <paramref name="id"/>.</summary>
    public void Record(long id)
    {
        _counts.AddOrUpdate(id, 1, (_, n) => n + 1);
        _arrivals.Enqueue(_clock.Elapsed);
    }

    /// <summary>The time from <paramref name="since"/> (a <see cref="Now"/> value) to the first delivery after it.</summary>
    public TimeSpan? FirstDeliveryAfter(TimeSpan since)
    {
        var after = _arrivals.Where(t => t >= since).ToList();
        return after.Count == 0 ? null : after.Min() - since;
    }

    /// <summary>Waits until every message arrived or <paramref name="timeout"/> passed.</summary>
    /// <returns>Whether all arrived.</returns>
    public bool WaitForAll(TimeSpan timeout) => WaitFor(() => Distinct >= expected, timeout);

    /// <summary>Waits until at least <paramref name="count"/> distinct messages arrived or <paramref name="timeout"/> passed.</summary>
    /// <returns>Whether they did.</returns>
    public bool WaitForDistinct(int count, TimeSpan timeout) => WaitFor(() => Distinct >= count, timeout);

    /// <summary>Prints the scenario's figures to the test output (the README's reliability table comes from these lines).</summary>
    public void Report(string scenario, TimeSpan? recovery = null) =>
        TestContext.Out.WriteLine($"FAULT {scenario}: published {expected}, lost {Lost}, duplicates {Duplicates}" +
            (recovery is { } r ? $", first delivery {r.TotalSeconds:0.0} s after the broker was back" : ""));

    /// <summary>Waits until <paramref name="condition"/> holds or <paramref name="timeout"/> passed.</summary>
    /// <returns>Whether it held.</returns>
    public static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
                return false;
            Thread.Sleep(20);
        }
        return true;
    }
}
