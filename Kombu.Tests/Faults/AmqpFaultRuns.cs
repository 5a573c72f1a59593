using Kombu.Tests.Support;

namespace Kombu.Tests.Faults;

/// <summary>Runs a <see cref="BrokerFaultRun"/> against the fault suite's RabbitMQ node, publishing with confirms.</summary>
internal static class AmqpFaultRuns
{
    /// <summary>Runs <paramref name="fault"/> under the consumer <paramref name="startConsumer"/> starts.</summary>
    public static void Run(string scenario, Func<FaultProxy, DeliveryLedger, TimeSpan> fault,
        Func<string, string, DeliveryLedger, IDisposable> startConsumer, string query = "") =>
        new BrokerFaultRun(scenario, FaultRabbit.Port, port => $"amqp://guest:guest@127.0.0.1:{port}//{query}")
            .Run((url, queue, count) => NumberedMessages.Publish(url, queue, count, new() { ["confirm_publish"] = true }),
                fault, startConsumer);
}
