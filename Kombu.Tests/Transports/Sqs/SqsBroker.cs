using Amazon.Runtime;
using Amazon.SQS;
using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>The fauxqs SQS emulator the SQS tests use, started by tools/brokers/fauxqs.sh.</summary>
internal static class SqsBroker
{
    public const string Url = "sqs://AKIA:secret@127.0.0.1:4566";

    /// <summary>A raw AWSSDK client on the emulator with the same credentials as <see cref="Url"/>, to read the wire.</summary>
    public static AmazonSQSClient CreateClient() =>
        new(new BasicAWSCredentials("AKIA", "secret"),
            new AmazonSQSConfig { ServiceURL = "http://127.0.0.1:4566", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public static void Require() =>
        BrokerEndpoint.Require("fauxqs (SQS emulator)", "127.0.0.1", 4566, "bash tools/brokers/fauxqs.sh start");
}
