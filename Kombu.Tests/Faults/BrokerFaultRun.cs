using Kombu.Tests.Support;

namespace Kombu.Tests.Faults;

/// <summary>
/// One broker fault under a running consumer (<c>kombu consume</c>, or a ConsumerMixin): publishes messages 0..N-1 (the broker holds them), starts the
/// consumer through a <see cref="FaultProxy"/> throttled until the broker is back, so the queue still holds a backlog,
/// injects the fault, and checks that every message arrives, counting duplicates and the time from the broker's return to the next delivery.
/// </summary>
internal sealed class BrokerFaultRun(string scenario, int brokerPort, Func<int, string> urlForPort)
{
    private const int Count = 300;
    private const int ReceivedBeforeFault = 20;
    private const long ThrottleBytesPerSecond = 4_000;
    private static readonly TimeSpan MaxRecovery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Runs the scenario.</summary>
    /// <param name="publish">Publishes <c>(long)i</c> for i in 0..count-1 to the queue named, through the URL given, confirmed.</param>
    /// <param name="fault">Injects the fault and returns the ledger time at which the broker was reachable again.</param>
    /// <param name="startConsumer">Starts the consumer on a URL and queue, recording into the ledger; disposing stops it.</param>
    public void Run(Action<string, string, int> publish, Func<FaultProxy, DeliveryLedger, TimeSpan> fault,
        Func<string, string, DeliveryLedger, IDisposable> startConsumer)
    {
        var queue = $"kt-fault-{Guid.NewGuid():N}"[..24];
        var direct = urlForPort(brokerPort);
        publish(direct, queue, Count);
        var ledger = new DeliveryLedger(Count);
        using var proxy = FaultProxy.Start("127.0.0.1", brokerPort);
        proxy.Throttle(ThrottleBytesPerSecond);
        try
        {
            using var consumer = startConsumer(urlForPort(proxy.Port), queue, ledger);
            Assert.That(ledger.WaitForDistinct(ReceivedBeforeFault, Deadline), Is.True, "nothing consumed before the fault: " + Describe(consumer));
            var back = fault(proxy, ledger);
            Assert.That(ledger.Distinct, Is.LessThan(Count), "the consumer had everything before the broker came back");
            proxy.Throttle(null);
            var all = ledger.WaitForAll(Deadline);
            var recovery = ledger.FirstDeliveryAfter(back);
            ledger.Report(scenario, recovery);
            TestContext.Out.WriteLine("  " + Describe(consumer));

            Assert.That(all, Is.True, $"lost {ledger.Lost} of {Count}; {Describe(consumer)}");
            Assert.That(recovery, Is.Not.Null.And.LessThanOrEqualTo(MaxRecovery), "time from the broker's return to the next delivery");
        }
        finally
        {
            proxy.Throttle(null);
            proxy.Resume();
            proxy.RefuseNew(false);
        }
    }

    /// <summary>Starts <c>kombu consume</c> as a child process.</summary>
    public static IDisposable Cli(string url, string queue, DeliveryLedger ledger) => new CliConsumerProcess(url, queue, ledger);

    /// <summary>Starts a <see cref="LedgerWorker"/> (a ConsumerMixin) in this process.</summary>
    public static IDisposable Mixin(string url, string queue, DeliveryLedger ledger) => new LedgerWorker(url, queue, ledger);

    private static string Describe(IDisposable consumer) =>
        consumer is CliConsumerProcess cli ? "consumer stderr: " + cli.Stderr.Replace('\n', ' ') : "ConsumerMixin";
}
