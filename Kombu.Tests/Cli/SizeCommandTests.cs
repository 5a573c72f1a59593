namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class SizeCommandTests
{
    [Test]
    public void Execute_DeclaredEmptyQueue_PrintsZero()
    {
        var queue = CliRunner.Unique("size");
        Assert.That(CliRunner.Run("declare", "queue", queue, "--url", "memory://").ExitCode, Is.Zero);

        var result = CliRunner.Run("size", "--url", "memory://", "--queue", queue);

        Assert.That(result.Stdout.Trim(), Is.EqualTo("0"));
    }

    [Test]
    public void Execute_MissingQueue_ExitsWithFailure()
    {
        var result = CliRunner.Run("size", "--url", "memory://", "--queue", CliRunner.Unique("missing"));

        Assert.That(result.ExitCode, Is.EqualTo(Kombu.Cli.Program.Failure));
    }
}
