using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kombu.Tests.Support;

/// <summary>
/// tools/brokers scripts start only what is not running and stop only what they started: checked with servers on
/// spare ports and a scratch broker directory, never the shared brokers.
/// </summary>
[TestFixture]
[Category("Unit")]
public sealed class BrokerScriptTests
{
    private string _brokerDir = "";

    [SetUp]
    public void CreateBrokerDir() => _brokerDir = Directory.CreateTempSubdirectory("kombu-scripts-").FullName;

    [TearDown]
    public void DeleteBrokerDir() => Directory.Delete(_brokerDir, recursive: true);

    [Test]
    public void RedisStop_ServerNotStartedByScript_LeftRunning()
    {
        var port = SparePort();
        using var foreign = StartForeign("redis-server", "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no");
        BrokerControl.WaitForPort(port, listening: true, TimeSpan.FromSeconds(10));

        Script("redis.sh", "stop", ("KOMBU_REDIS_PORT", port));

        Assert.That(BrokerControl.IsListening(port), Is.True);
        Assert.That(foreign.HasExited, Is.False);
    }

    [Test]
    public void RedisStart_ServerAlreadyAnswering_UsedAsItIsAndNotStoppedLater()
    {
        var port = SparePort();
        using var foreign = StartForeign("redis-server", "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no");
        BrokerControl.WaitForPort(port, listening: true, TimeSpan.FromSeconds(10));

        Script("redis.sh", "start", ("KOMBU_REDIS_PORT", port));
        Script("redis.sh", "stop", ("KOMBU_REDIS_PORT", port));

        Assert.That(File.Exists(Path.Combine(_brokerDir, $"redis-{port}.pid")), Is.False);
        Assert.That(foreign.HasExited, Is.False);
    }

    [Test]
    public void RedisStartThenStop_OwnServer_StartedAndStopped()
    {
        var port = SparePort();

        Script("redis.sh", "start", ("KOMBU_REDIS_PORT", port));
        var answeredAfterStart = BrokerControl.IsListening(port);
        Script("redis.sh", "stop", ("KOMBU_REDIS_PORT", port));

        Assert.That(answeredAfterStart, Is.True);
        Assert.That(BrokerControl.IsListening(port), Is.False);
    }

    [Test]
    public void BeanstalkdStop_ServerNotStartedByScript_LeftRunning()
    {
        var port = SparePort();
        using var foreign = StartForeign("beanstalkd", "-l", "127.0.0.1", "-p", port.ToString());
        BrokerControl.WaitForPort(port, listening: true, TimeSpan.FromSeconds(10));

        Script("beanstalkd.sh", "stop", ("KOMBU_BEANSTALKD_PORT", port));

        Assert.That(BrokerControl.IsListening(port), Is.True);
        Assert.That(foreign.HasExited, Is.False);
    }

    [Test]
    public void BeanstalkdStartThenStop_OwnServer_StartedAndStopped()
    {
        var port = SparePort();

        Script("beanstalkd.sh", "start", ("KOMBU_BEANSTALKD_PORT", port));
        var answeredAfterStart = BrokerControl.IsListening(port);
        Script("beanstalkd.sh", "stop", ("KOMBU_BEANSTALKD_PORT", port));

        Assert.That(answeredAfterStart, Is.True);
        Assert.That(BrokerControl.IsListening(port), Is.False);
    }

    [Test]
    public void BrokerScripts_AnyScript_NeverWritesUnderEtc()
    {
        var scripts = Directory.GetFiles(RepositoryPaths.Combine("tools", "brokers"), "*.sh", SearchOption.AllDirectories);

        var writingEtc = scripts.Where(path => File.ReadAllLines(path)
            .Any(line => !line.TrimStart().StartsWith('#') && line.Contains("/etc/", StringComparison.Ordinal)));

        Assert.That(writingEtc, Is.Empty);
    }

    private void Script(string script, string command, (string Name, int Value) port) =>
        BrokerControl.RunScript(script, [command],
            new Dictionary<string, string> { ["KOMBU_BROKER_DIR"] = _brokerDir, [port.Name] = port.Value.ToString() });

    /// <summary>Starts a server the way a user would, outside the scripts; disposing it kills it.</summary>
    private static ForeignServer StartForeign(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return new ForeignServer(Process.Start(info) ?? throw new InvalidOperationException("Could not start " + file));
    }

    private static int SparePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
