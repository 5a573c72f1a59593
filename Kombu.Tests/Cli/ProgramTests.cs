using Kombu.Cli;

namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class ProgramTests
{
    [Test]
    public void Run_Demo_PrintsTheReceivedBodyLine()
    {
        var result = CliRunner.Run("demo", "--url", "memory://");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Is.EqualTo("{\"name\": \"/tmp/lolcat1.avi\", \"size\": 1301013}" + Environment.NewLine));
    }

    [Test]
    public void Run_UnknownFlag_ExitsWithOneLineUsageError()
    {
        var result = CliRunner.Run("publish", "--exchange", "x", "--bogus", "1");

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError));
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("--bogus"));
    }

    [Test]
    public void Run_OptionWithoutValue_ExitsWithOneLineUsageError()
    {
        var result = CliRunner.Run("consume", "--queue");

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError));
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("--queue needs a value"));
    }

    [Test]
    public void Run_UnknownCommand_ExitsWithUsageError()
    {
        var result = CliRunner.Run("frobnicate");

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError));
        Assert.That(result.Stderr, Does.Contain("unknown command 'frobnicate'"));
    }

    [Test]
    public void Run_BadJsonBody_ExitsWithOneLineUsageError()
    {
        var result = CliRunner.Run("publish", "--exchange", "", "--routing-key", "q", "{not json");

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError));
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("not valid JSON"));
    }

    [Test]
    public void Run_UnknownTransport_ErrorNamesTheTransport()
    {
        var result = CliRunner.Run("size", "--queue", "q", "--url", "nosuchbroker://host/");

        Assert.That(result.ExitCode, Is.EqualTo(Program.Failure));
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("nosuchbroker"));
    }

    [Test]
    public void Run_UrlWithPassword_ErrorNeverShowsThePassword()
    {
        var result = CliRunner.Run("size", "--queue", "q", "--url", "amqp://user:secret@nohost:1//");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain("secret"));
    }

    [Test]
    public void Run_RedisUrlWithNonNumericDatabase_SaysTheDatabaseMustBeANumber()
    {
        var result = CliRunner.Run("size", "--queue", "q", "--url", "redis://127.0.0.1:6379/abc");

        Assert.That(result.ExitCode, Is.EqualTo(Program.Failure));
        Assert.That(result.Stderr, Does.Contain("database must be a number").And.Not.Contain("target of an invocation"));
    }

    [Test]
    public void Run_GlobalUrlBeforeCommand_IsUsed()
    {
        var result = CliRunner.Run("--url", "nosuchbroker://host/", "size", "--queue", "q");

        Assert.That(result.Stderr, Does.Contain("nosuchbroker"));
    }

    [Test]
    public void Run_Help_ListsEveryCommand()
    {
        var result = CliRunner.Run("--help");

        Assert.That(result.ExitCode, Is.Zero);
        foreach (var command in CommandTable.All)
            Assert.That(result.Stdout, Does.Contain("kombu " + command.Spec.Name + " "));
    }

    [Test]
    public void Run_HelpForCommand_ShowsItsUsage()
    {
        var result = CliRunner.Run("help", "declare", "queue");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Stdout, Does.Contain("kombu declare queue NAME"));
    }

    [Test]
    public void Run_Version_PrintsToolVersion()
    {
        var result = CliRunner.Run("--version");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Stdout, Does.StartWith("kombu "));
    }

    [Test]
    public void Run_ListenWithoutHostname_ExitsWithUsageError()
    {
        var result = CliRunner.Run("listen", "--mailbox", "celery");

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError));
        Assert.That(result.Stderr, Does.Contain("--hostname"));
    }
}
