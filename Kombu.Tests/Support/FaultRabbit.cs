namespace Kombu.Tests.Support;

/// <summary>
/// The fault suite's own RabbitMQ node, kombu-faults@localhost on 127.0.0.1:5682 (tools/brokers/rabbitmq-faults.sh):
/// tests stop, kill and restart it; the shared node on 5672 is never touched.
/// </summary>
internal static class FaultRabbit
{
    public const int Port = 5682;
    public const string Node = "kombu-faults@localhost";
    public const string Url = "amqp://guest:guest@127.0.0.1:5682//";
    public const string StartCommand = "bash tools/brokers/rabbitmq-faults.sh start";

    private static string PidFile => Path.Combine(BrokerControl.BrokerDir, "rabbitmq-kombu-faults", "kombu-faults.pid");

    /// <summary>Fails the calling test, naming the start command, unless the node accepts AMQP connections.</summary>
    public static void Require() => BrokerControl.Require("RabbitMQ node " + Node, Port, StartCommand);

    /// <summary>Runs <c>rabbitmqctl -n kombu-faults@localhost ARGS</c> through Debian's wrapper (the node's cookie).</summary>
    /// <param name="args">The command and its arguments, such as <c>stop_app</c>.</param>
    /// <returns>What it printed.</returns>
    public static string Ctl(params string[] args) =>
        BrokerControl.Run("/usr/sbin/rabbitmqctl", ["-q", "-n", Node, .. args], TimeSpan.FromSeconds(120));

    /// <summary>Stops the RabbitMQ application (the Erlang node stays up); the AMQP port closes.</summary>
    public static void StopApp() => Ctl("stop_app");

    /// <summary>Starts the RabbitMQ application again and waits until the AMQP port listens.</summary>
    public static void StartApp()
    {
        Ctl("start_app");
        BrokerControl.WaitForPort(Port, listening: true, TimeSpan.FromSeconds(60));
    }

    /// <summary>Kills the node with SIGKILL and waits until it is gone.</summary>
    public static void Kill() => BrokerControl.KillFromPidFile(PidFile, StartCommand);

    /// <summary>Brings the node back after a test, whatever it left: a no-op when it answers, else starts the node or its app.</summary>
    public static void EnsureRunning() => Start();

    /// <summary>Runs the start script: starts the node (after <see cref="Kill"/>) or its app (after <see cref="StopApp"/>).</summary>
    public static void Start() => BrokerControl.RunScript("rabbitmq-faults.sh", "start");
}
