using Kombu.Tests.Support;

namespace Kombu.Tests.Faults;

/// <summary>Runs a <see cref="BrokerFaultRun"/> against the fault suite's own Redis (6390, database 2).</summary>
internal static class RedisFaultRuns
{
    /// <summary>Runs <paramref name="fault"/> under the consumer <paramref name="startConsumer"/> starts.</summary>
    public static void Run(string scenario, Func<FaultProxy, DeliveryLedger, TimeSpan> fault,
        Func<string, string, DeliveryLedger, IDisposable> startConsumer) =>
        new BrokerFaultRun(scenario, FaultRedis.Port, port => $"redis://127.0.0.1:{port}/2").Run((url, queue, count) => NumberedMessages.Publish(url, queue, count), fault, startConsumer);
}
