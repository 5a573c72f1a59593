using System.Text.RegularExpressions;
using Kombu.Tests.Cli;
using Kombu.Tests.Support;
using Kombu.Tests.Transports.Amqp;

namespace Kombu.Tests.Faults;

/// <summary>
/// <c>kombu publish</c> with publisher confirms when the connection is lost mid-run: the link reset (fault proxy in front
/// of the shared RabbitMQ) and the fault suite's own node killed with SIGKILL. It must exit non-zero naming how many
/// messages were not confirmed, and every confirmed message must be in the queue.
/// </summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed partial class PublishFaultTests
{
    private const int Count = 20_000;

    [Test]
    public Task Publish_LinkResetMidRun_ExitsNonZeroNamingUnconfirmedAndLosesNoConfirmedMessage()
    {
        AmqpBroker.Require();
        return RunAsync("link reset", AmqpBroker.Url, 5672, proxy => proxy.Reset());
    }

    [Test]
    public async Task Publish_NodeKilledMidRun_ExitsNonZeroNamingUnconfirmedAndLosesNoConfirmedMessage()
    {
        FaultRabbit.Require();
        try
        {
            await RunAsync("RabbitMQ kill -9 + restart", FaultRabbit.Url, FaultRabbit.Port, _ =>
            {
                FaultRabbit.Kill();
                FaultRabbit.Start();
            });
        }
        finally
        {
            FaultRabbit.EnsureRunning();
        }
    }

    /// <summary>Publishes through a throttled proxy to <paramref name="brokerUrl"/>'s broker and injects the fault once 500 arrived.</summary>
    private static async Task RunAsync(string scenario, string brokerUrl, int brokerPort, Action<FaultProxy> fault)
    {
        await using var proxy = FaultProxy.Start("127.0.0.1", brokerPort);
        var name = AmqpBroker.UniqueName("pubfault");
        var url = $"amqp://guest:guest@127.0.0.1:{proxy.Port}//";
        Declare(brokerUrl, name);
        proxy.Throttle(200_000);
        try
        {
            var publishing = Task.Run(() => CliRunner.Run("publish", "--url", url, "--exchange", "", "--routing-key", name,
                "--delivery-mode", "persistent", "--count", Count.ToString(), "1"));
            await WaitForAsync(() => QueueSize(brokerUrl, name) >= 500, TimeSpan.FromSeconds(30));
            fault(proxy);
            var result = await publishing;
            var size = QueueSize(brokerUrl, name);

            Assert.That(result.ExitCode, Is.EqualTo(1), result.Stderr);
            var match = NotConfirmed().Match(result.Stderr);
            Assert.That(match.Success, Is.True, result.Stderr);
            var missing = int.Parse(match.Groups[1].Value);
            var confirmedLost = Math.Max(0, Count - missing - size);
            TestContext.Out.WriteLine($"FAULT {scenario}, kombu publish: published {Count}, not confirmed {missing} " +
                $"(exit {result.ExitCode}), in the queue {size}, confirmed but lost {confirmedLost}");
            Assert.That(missing, Is.InRange(1, Count));
            Assert.That(confirmedLost, Is.Zero, "a confirmed message is missing from the queue");
        }
        finally
        {
            CliRunner.Run("delete", "queue", name, "--url", brokerUrl);
        }
    }

    [GeneratedRegex(@"kombu: error: (\d+) of 20000 messages were not confirmed by the broker")]
    private static partial Regex NotConfirmed();

    /// <summary>Declares the queue; a node that an earlier test restarted may still be booting, so it is tried for up to 30 s.</summary>
    private static void Declare(string url, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var result = CliRunner.Run("declare", "queue", name, "--url", url);
            if (result.ExitCode == 0)
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail("kombu declare failed: " + result.Stderr);
            Thread.Sleep(200);
        }
    }

    /// <summary>The queue's message count; a node that just restarted may still be recovering it, so it is asked again for up to 30 s.</summary>
    private static int QueueSize(string url, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var result = CliRunner.Run("size", "--queue", name, "--url", url);
            if (result.ExitCode == 0)
                return int.Parse(result.Stdout.Trim());
            if (DateTime.UtcNow > deadline)
                Assert.Fail("kombu size failed: " + result.Stderr);
            Thread.Sleep(200);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("condition not met in time");
            await Task.Delay(50);
        }
    }
}
