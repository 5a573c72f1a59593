namespace Kombu.Tests.Cli;

public sealed class QueueCommandsTests
{
    [Test]
    public void Purge_QueueWithMessages_PrintsTheNumberPurged()
    {
        var queue = CliRunner.Unique("purge");
        CliMessages.Publish(queue, "1", "--count", "2");

        var result = CliRunner.Run("purge", "--url", "memory://", "--queue", queue);

        Assert.That(result.Stdout.Trim(), Is.EqualTo("2"));
    }

    [Test]
    public void Size_DeclaredEmptyQueue_PrintsZero()
    {
        var queue = CliRunner.Unique("size");
        Assert.That(CliRunner.Run("declare", "queue", queue, "--url", "memory://").ExitCode, Is.Zero);

        var result = CliRunner.Run("size", "--url", "memory://", "--queue", queue);

        Assert.That(result.Stdout.Trim(), Is.EqualTo("0"));
    }

    [Test]
    public void DeclareBinding_ExchangeAndQueue_RoutesPublishedMessages()
    {
        var queue = CliRunner.Unique("dq");
        var exchange = CliRunner.Unique("dx");
        Assert.That(CliRunner.Run("declare", "exchange", exchange, "--type", "fanout").ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("declare", "queue", queue, "--durable", "false").ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("declare", "binding", "--queue", queue, "--exchange", exchange).ExitCode, Is.Zero);

        CliRunner.Run("publish", "--exchange", exchange, "--exchange-type", "fanout", "\"hi\"");
        var result = CliRunner.Run("size", "--queue", queue);

        Assert.That(result.Stdout.Trim(), Is.EqualTo("1"));
    }

    [Test]
    public void DeleteQueue_ExistingQueue_MakesSizeFail()
    {
        var queue = CliRunner.Unique("del");
        CliRunner.Run("declare", "queue", queue);

        var delete = CliRunner.Run("delete", "queue", queue);
        var size = CliRunner.Run("size", "--queue", queue);

        Assert.That(delete.ExitCode, Is.Zero, delete.Stderr);
        Assert.That(size.ExitCode, Is.EqualTo(Kombu.Cli.Program.Failure));
    }

    [Test]
    public void DeclareExchange_BadDurableValue_ExitsWithUsageError()
    {
        var result = CliRunner.Run("declare", "exchange", "x", "--durable", "maybe");

        Assert.That(result.ExitCode, Is.EqualTo(Kombu.Cli.Program.UsageError));
    }
}
