using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Amqp;

/// <summary>The RabbitMQ the AMQP tests run against: 127.0.0.1:5672, guest/guest, started by tools/brokers/rabbitmq.sh.</summary>
internal static class AmqpBroker
{
    public const string Url = "amqp://guest:guest@127.0.0.1:5672//";

    public const string StartCommand = "bash tools/brokers/rabbitmq.sh start";

    /// <summary>Fails the calling test, naming the start command, unless RabbitMQ is reachable.</summary>
    public static void Require() => BrokerEndpoint.Require("RabbitMQ", "127.0.0.1", 5672, StartCommand);

    /// <summary>A unique entity name.</summary>
    public static string UniqueName(string suffix) => $"kt-amqp-{Guid.NewGuid():N}"[..20] + "." + suffix;
}
