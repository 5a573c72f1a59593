namespace Kombu.Bench;

/// <summary>The in-process memory transport: no raw driver; Python Kombu runs its own memory transport.</summary>
public sealed class MemorySection : BrokerSection
{
    /// <inheritdoc/>
    public override string Name => "memory";

    /// <inheritdoc/>
    public override int Order => 0;

    /// <inheritdoc/>
    public override string Url => "memory://";

    /// <inheritdoc/>
    public override bool HasInterleaved => true;

    /// <inheritdoc/>
    public override void DeleteQueue(string queue)
    {
        // In-process: the queue goes away with the process.
    }
}
