namespace Kombu.Bench;

/// <summary>The work every client does for one broker: N messages published, then consumed with manual acks.</summary>
/// <param name="Count">Messages to publish and consume.</param>
/// <param name="Prefetch">The consumer's prefetch window.</param>
/// <param name="ConfirmCount">Messages to publish with confirms.</param>
/// <param name="PidboxCalls">Pidbox calls to time.</param>
public sealed record BenchWork(int Count, int Prefetch, int ConfirmCount, int PidboxCalls)
{
    /// <summary>Messages per <c>PublishBatch</c> in the batch rows.</summary>
    public int Batch => 1000;

    /// <summary>A fresh queue name for one run.</summary>
    /// <param name="client">Who runs (raw, ours, python).</param>
    /// <returns>The queue name.</returns>
    public static string QueueName(string client) => $"kombu.bench.{client}.{Guid.NewGuid():N}";
}
