namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class DeclareBindingCommandTests
{
    [Test]
    public void Execute_DeclaredExchangeAndQueue_RoutesPublishedMessages()
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
}
