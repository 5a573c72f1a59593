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

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError));
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

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError));
        Assert.That(result.Stderr, Does.Contain("database must be a number").And.Not.Contain("target of an invocation").And.Not.Contain("(Parameter"));
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

    [TestCase("publish --exchange x --serializer nope 1", "--serializer expects one of json|msgpack|pickle|raw|yaml, got 'nope'")]
    [TestCase("publish --exchange x --compression lz4 1", "--compression: No compression method registered for 'lz4'")]
    [TestCase("publish --exchange x --priority 300 1", "--priority expects an integer from 0 to 255, got '300'")]
    [TestCase("publish --exchange x --count many 1", "--count expects an integer >= 1, got 'many'")]
    [TestCase("consume --queue q --accept nope", "--accept: No encoder/decoder installed for 'nope'")]
    [TestCase("consume --queue q --timeout soon", "--timeout expects a number of seconds, got 'soon'")]
    [TestCase("size --queue q --url bogus://", "No such transport: bogus")]
    [TestCase("size --queue q --url memory://?bogus_option=1", "Unknown connection option 'bogus_option'")]
    [TestCase("size --queue q --url amqp://127.0.0.1//?heartbeat=abc", "Invalid value 'abc' for connection option 'heartbeat'")]
    [TestCase("size --queue q --url amqp://127.0.0.1:99999//", "Port out of range")]
    [TestCase("celery send --backend bogus:// kombu.add", "--backend: No Celery result backend for 'bogus://'")]
    [TestCase("declare exchange x --durable maybe", "--durable expects true or false, got 'maybe'")]
    public void Run_BadInput_ExitsTwoWithOneClearLine(string commandLine, string expected)
    {
        var result = CliRunner.Run(commandLine.Split(' '));

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError), result.Stderr);
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith("kombu: error: ").And.Contain(expected).And.Not.Contain("(Parameter"));
    }

    [Test]
    public void Run_UrlWithBadPort_MasksOnlyThePassword()
    {
        var result = CliRunner.Run("size", "--queue", "q", "--url", "amqp://u:p@host:notaport//");

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError));
        Assert.That(result.Stderr, Does.Contain("'notaport'").And.Contain("'amqp://u:**@host:notaport//'").And.Not.Contain("p@"));
    }

    [Test]
    public void Run_RedisOnClosedPort_NamesHostAndPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = CliRunner.Run("size", "--queue", "q", "--url", $"redis://user:hunter2@127.0.0.1:{port}/");

        Assert.That(result.ExitCode, Is.EqualTo(Program.Failure));
        Assert.That(result.Stderr, Does.Contain($"Couldn't connect to Redis at 127.0.0.1:{port}").And.Not.Contain("abortConnect").And.Not.Contain("hunter2"));
    }

    [Test]
    public void Run_PublishHelp_ListsEachOptionWithItsSentence()
    {
        var result = CliRunner.Run("publish", "--help");

        Assert.That(result.ExitCode, Is.Zero);
        var publish = CommandTable.Find("publish")!.Spec;
        foreach (var option in publish.Options.Concat(Kombu.Cli.CommandLine.OptionSpec.Common))
            Assert.That(result.Stdout, Does.Contain("  " + option.Name + (option.IsFlag ? " " : " " + option.Value)).And.Contain(option.Help));
    }

    [Test]
    public void Spec_EveryOptionOfEveryCommand_HasASentenceOfHelp()
    {
        foreach (var command in CommandTable.All)
        {
            foreach (var option in command.Spec.Options)
                Assert.That(option.Help, Does.EndWith(".").And.Length.GreaterThan(10), $"{command.Spec.Name} {option.Name}");
        }
    }

    [Test]
    public void Main_BadInput_ExitsTwoFromTheProcess()
    {
        var result = CliProcess.Run("publish", "--exchange", "x", "--serializer", "nope", "1");

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError));
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Stdout, Is.Empty);
    }

    [Test]
    public void Main_Verbose_LogsTheLibrarysEntriesToStderrOnly()
    {
        var result = CliProcess.Run("--verbose", "demo", "--url", "memory://");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Is.EqualTo("{\"name\": \"/tmp/lolcat1.avi\", \"size\": 1301013}" + Environment.NewLine));
        Assert.That(result.Stderr, Does.Contain("Kombu.Connection").And.Contain("Connected to memory://"));
    }

    [Test]
    public void Main_VerboseAfterTheCommand_LogsTheUrlWithItsPasswordMasked()
    {
        var result = CliProcess.Run("demo", "--verbose", "--url", "memory://user:hunter2@localhost/");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stderr, Does.Contain("Connected to memory://user:**@localhost").And.Not.Contain("hunter2"));
    }
}
