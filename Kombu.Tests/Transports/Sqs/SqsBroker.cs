using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>The fauxqs SQS emulator the SQS tests use, started by tools/brokers/fauxqs.sh.</summary>
internal static class SqsBroker
{
    public const string Url = "sqs://AKIA:secret@127.0.0.1:4566";

    public static void Require() =>
        BrokerEndpoint.Require("fauxqs (SQS emulator)", "127.0.0.1", 4566, "bash tools/brokers/fauxqs.sh start");
}
