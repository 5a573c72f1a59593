namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class DeleteQueueCommandTests
{
    [Test]
    public void Execute_ExistingQueue_MakesSizeFail()
    {
        var queue = CliRunner.Unique("del");
        CliRunner.Run("declare", "queue", queue);

        var delete = CliRunner.Run("delete", "queue", queue);
        var size = CliRunner.Run("size", "--queue", queue);

        Assert.That(delete.ExitCode, Is.Zero, delete.Stderr);
        Assert.That(size.ExitCode, Is.EqualTo(Kombu.Cli.Program.Failure));
    }
}
