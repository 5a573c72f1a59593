namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class DeclareExchangeCommandTests
{
    [Test]
    public void Execute_BadDurableValue_ExitsWithUsageError()
    {
        var result = CliRunner.Run("declare", "exchange", "x", "--durable", "maybe");

        Assert.That(result.ExitCode, Is.EqualTo(Kombu.Cli.Program.UsageError));
    }

    [Test]
    public void Execute_UnknownType_ExitsWithUsageError()
    {
        var result = CliRunner.Run("declare", "exchange", "x", "--type", "sideways");

        Assert.That(result.ExitCode, Is.EqualTo(Kombu.Cli.Program.UsageError));
    }
}
