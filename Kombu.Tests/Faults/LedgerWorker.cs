using Kombu.Mixins;
using Kombu.Transport;

namespace Kombu.Tests.Faults;

/// <summary>
/// A <see cref="ConsumerMixin"/> running on its own thread that records every body it receives in a
/// <see cref="DeliveryLedger"/> and acknowledges it: the library consumer the fault suite runs through broker faults.
/// </summary>
internal sealed class LedgerWorker : ConsumerMixin, IDisposable
{
    private readonly Connection _connection;
    private readonly Queue _queue;
    private readonly DeliveryLedger _ledger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    /// <summary>Starts consuming <paramref name="queueName"/> at <paramref name="url"/>.</summary>
    public LedgerWorker(string url, string queueName, DeliveryLedger ledger)
    {
        _connection = new Connection(url);
        _queue = NumberedMessages.QueueNamed(queueName);
        _ledger = ledger;
        _running = Task.Factory.StartNew(() => Run(_stop.Token), TaskCreationOptions.LongRunning);
    }

    /// <inheritdoc/>
    public override Connection Connection => _connection;

    /// <inheritdoc/>
    public override IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel) =>
        [factory([_queue], [(body, message) => { _ledger.Record((long)body!); message.Ack(); }], accept: ["json"], prefetchCount: 50)];

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        ShouldStop = true;
        _running.Wait(TimeSpan.FromSeconds(30));
        _connection.Dispose();
        _stop.Dispose();
    }
}
