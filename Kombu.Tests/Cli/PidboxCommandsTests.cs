namespace Kombu.Tests.Cli;

/// <summary>The pidbox commands: `listen` serves a node, `call` reaches it, both in this process on memory://.</summary>
[Category("Unit")]
public sealed class PidboxCommandsTests
{
    [Test]
    public async Task Call_Destination_ListenerRepliesPong()
    {
        var ns = $"cli{Guid.NewGuid():N}";
        var listener = Task.Run(() => CliRunner.Run("listen", "--mailbox", ns, "--hostname", "n1", "--limit", "2"));
        await WaitForNodeQueue($"n1.{ns}.pidbox");
        var replies = CliRunner.Run("call", "--mailbox", ns, "--destination", "n1", "--timeout", "5", "ping").Stdout.Trim();
        var echo = CliRunner.Run("call", "--mailbox", ns, "--destination", "n1", "--timeout", "5", "echo", """{"x": [1, "two"]}""");
        var listened = await listener;

        Assert.That(replies, Is.EqualTo("""{"n1": "pong"}"""));
        Assert.That(echo.Stdout.Trim(), Is.EqualTo("""{"n1": {"x": [1, "two"]}}"""));
        Assert.That(listened.ExitCode, Is.Zero);
        Assert.That(listened.Stdout, Does.Contain("""{"method": "echo", "arguments": {"x": [1, "two"]}}"""));
    }

    [Test]
    public async Task Call_Broadcast_CollectsEveryListener()
    {
        var ns = $"cli{Guid.NewGuid():N}";
        var first = Task.Run(() => CliRunner.Run("listen", "--mailbox", ns, "--type", "fanout", "--hostname", "a", "--limit", "1"));
        var second = Task.Run(() => CliRunner.Run("listen", "--mailbox", ns, "--type", "fanout", "--hostname", "b", "--limit", "1"));
        await WaitForNodeQueue($"a.{ns}.pidbox");
        await WaitForNodeQueue($"b.{ns}.pidbox");
        var lines = CliRunner.Run("call", "--mailbox", ns, "--type", "fanout", "--timeout", "5", "--limit", "2", "ping").Stdout;
        await Task.WhenAll(first, second);

        Assert.That(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[] { """{"a": "pong"}""", """{"b": "pong"}""" }));
    }

    [Test]
    public void Call_ArgumentsNotAnObject_IsUsageError()
    {
        var result = CliRunner.Run("call", "--mailbox", "celery", "ping", "[1, 2]");

        Assert.That(result.ExitCode, Is.EqualTo(Kombu.Cli.Program.UsageError));
        Assert.That(result.Stderr, Does.Contain("ARGS-JSON must be a JSON object"));
    }

    /// <summary>Waits until a listener started on another task has declared its node queue (memory:// is process-wide).</summary>
    private static async Task WaitForNodeQueue(string queue)
    {
        using var connection = new Connection("memory://");
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                await connection.CreateChannel().QueueDeclareAsync(queue, passive: true);
                return;
            }
            catch (Kombu.Exceptions.KombuChannelException)
            {
                await Task.Delay(50);
            }
        }
        Assert.Fail($"The listener never declared {queue}.");
    }
}
