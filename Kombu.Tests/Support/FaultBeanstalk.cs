namespace Kombu.Tests.Support;

/// <summary>
/// The fault suite's own beanstalkd on 127.0.0.1:11310 with a binlog (tools/brokers/beanstalkd-faults.sh): tests kill
/// and restart it; the shared beanstalkd on 11300 is never touched.
/// </summary>
internal static class FaultBeanstalk
{
    public const int Port = 11310;
    public const string Url = "beanstalk://127.0.0.1:11310";
    public const string StartCommand = "bash tools/brokers/beanstalkd-faults.sh start";

    private static string PidFile => Path.Combine(BrokerControl.BrokerDir, $"beanstalkd-{Port}.pid");

    /// <summary>Fails the calling test, naming the start command, unless the server accepts connections.</summary>
    public static void Require() => BrokerControl.Require("beanstalkd (fault suite)", Port, StartCommand);

    /// <summary>Kills the server with SIGKILL and waits until it is gone.</summary>
    public static void Kill() => BrokerControl.KillFromPidFile(PidFile, StartCommand);

    /// <summary>Starts the server with its start script (a no-op when it runs) and waits until it accepts connections.</summary>
    public static void Start() => BrokerControl.RunScript("beanstalkd-faults.sh", "start");
}
