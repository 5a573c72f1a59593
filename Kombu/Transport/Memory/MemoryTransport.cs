using Kombu.Transport.Virtual;

namespace Kombu.Transport.Memory;

/// <summary>A transport whose queues live in the memory of the process: for tests and single-process applications.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.memory.Transport</c> (URL <c>memory://</c>). Queues, exchanges and bindings are
/// process-wide: every connection to <c>memory://</c> sees the same ones. Supported exchange types: direct, topic,
/// fanout and headers. Priorities are not supported (FIFO). Transport options: <c>polling_interval</c>,
/// <c>deadletter_queue</c>. Unlike Kombu, unacknowledged messages are restored when a channel closes.
/// A publish wakes waiting <see cref="VirtualTransport.DrainEventsAsync"/> calls at once.
/// </remarks>
public sealed class MemoryTransport : VirtualTransport
{
    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "fanout", "headers" });

    /// <summary>Creates the transport for <paramref name="client"/>.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    public MemoryTransport(Connection client) : base(client)
    {
    }

    /// <inheritdoc/>
    public override string DriverType => "memory";

    /// <inheritdoc/>
    public override string DriverName => "memory";

    /// <inheritdoc/>
    public override TransportCapabilities Implements => s_capabilities;

    /// <summary>The process-wide exchanges and bindings.</summary>
    public override BrokerState State => MemoryBroker.State;

    /// <inheritdoc/>
    protected override VirtualChannel CreateVirtualChannel() => new MemoryChannel(this);

    /// <inheritdoc/>
    protected override async ValueTask WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var nextPut = MemoryBroker.NextPutAsync();
        if (maxWait <= TimeSpan.Zero || HasReadyMessages())
            return;
        await nextPut.WaitAsync(maxWait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private bool HasReadyMessages()
    {
        foreach (var channel in Channels)
        {
            if (channel is MemoryChannel memory && memory.HasReadyMessages())
                return true;
        }
        return false;
    }
}
