using System.Text.RegularExpressions;
using Kombu.Tests.Cli;
using Kombu.Tests.Support;
using Kombu.Tests.Transports.Amqp;

namespace Kombu.Tests.Faults;

/// <summary><c>kombu publish</c> with publisher confirms when the link to RabbitMQ is reset mid-run (fault proxy).</summary>
[TestFixture]
[Category("Faults")]
public sealed partial class PublishFaultTests
{
    private const int Count = 20_000;

    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();

    [Test]
    public async Task Publish_LinkResetMidRun_ExitsNonZeroNamingUnconfirmedAndLosesNoConfirmedMessage()
    {
        await using var proxy = FaultProxy.Start("127.0.0.1", 5672);
        var name = AmqpBroker.UniqueName("pubreset");
        var url = $"amqp://guest:guest@127.0.0.1:{proxy.Port}//";
        CliRunner.Run("declare", "queue", name, "--url", AmqpBroker.Url);
        proxy.Throttle(200_000);
        try
        {
            var publishing = Task.Run(() => CliRunner.Run("publish", "--url", url, "--exchange", "", "--routing-key", name,
                "--delivery-mode", "persistent", "--count", Count.ToString(), "1"));
            await WaitForAsync(() => QueueSize(name) >= 500, TimeSpan.FromSeconds(30));
            proxy.Reset();
            var result = await publishing;
            var size = QueueSize(name);

            Assert.That(result.ExitCode, Is.EqualTo(1), result.Stderr);
            var match = NotConfirmed().Match(result.Stderr);
            Assert.That(match.Success, Is.True, result.Stderr);
            var missing = int.Parse(match.Groups[1].Value);
            TestContext.Out.WriteLine($"not confirmed: {missing} of {Count}; in the queue: {size}");
            Assert.That(missing, Is.InRange(1, Count));
            Assert.That(size, Is.GreaterThanOrEqualTo(Count - missing), "a confirmed message is missing from the queue");
        }
        finally
        {
            CliRunner.Run("delete", "queue", name, "--url", AmqpBroker.Url);
        }
    }

    [GeneratedRegex(@"kombu: error: (\d+) of 20000 messages were not confirmed by the broker")]
    private static partial Regex NotConfirmed();

    private static int QueueSize(string name) =>
        int.Parse(CliRunner.Run("size", "--queue", name, "--url", AmqpBroker.Url).Stdout.Trim());

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
