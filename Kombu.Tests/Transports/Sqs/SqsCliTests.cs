using Kombu.Tests.Cli;

namespace Kombu.Tests.Transports.Sqs;

/// <summary>The kombu tool on an <c>sqs://</c> URL: publish, size and consume against the emulator.</summary>
[TestFixture]
public sealed class SqsCliTests : SqsTestBase
{
    protected override string NamePrefix => "cli";

    [Test]
    public void Cli_PublishSizeConsume_WorksWithSqsUrl()
    {
        var published = CliRunner.Run("publish", "--url", SqsBroker.Url, "--exchange", "", "--routing-key", QueueName,
            "--declare-queue", QueueName, """{"a": 1}""");
        var size = CliRunner.Run("size", "--url", SqsBroker.Url, "--queue", QueueName);
        var consumed = CliRunner.Run("consume", "--url", SqsBroker.Url, "--queue", QueueName, "--limit", "1", "--timeout", "20");

        Assert.That((published.ExitCode, size.Stdout.Trim(), consumed.ExitCode), Is.EqualTo((0, "1", 0)), published.Stderr + size.Stderr + consumed.Stderr);
        Assert.That(consumed.Stdout, Does.StartWith("""{"body": {"a": 1}"""));
        Assert.That(SqsBroker.Counts(Sqs, QueueName), Is.EqualTo((0L, 0L)), "consume acknowledged (deleted) the message");
    }
}
