namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class PurgeCommandTests
{
    [Test]
    public void Execute_QueueWithMessages_PrintsTheNumberPurged()
    {
        var queue = CliRunner.Unique("purge");
        CliMessages.Publish(queue, "1", "--count", "2");

        var result = CliRunner.Run("purge", "--url", "memory://", "--queue", queue);

        Assert.That(result.Stdout.Trim(), Is.EqualTo("2"));
    }
}
