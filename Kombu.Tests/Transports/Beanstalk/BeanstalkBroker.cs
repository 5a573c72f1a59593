using Kombu.Tests.Support;

namespace Kombu.Tests.Transports.Beanstalk;

/// <summary>The beanstalkd server the beanstalk tests use, started by tools/brokers/beanstalkd.sh.</summary>
internal static class BeanstalkBroker
{
    public const string Host = "127.0.0.1";
    public const int Port = 11300;
    public const string Url = "beanstalk://127.0.0.1:11300";

    public static void Require() =>
        BrokerEndpoint.Require("beanstalkd", Host, Port, "bash tools/brokers/beanstalkd.sh start");
}
