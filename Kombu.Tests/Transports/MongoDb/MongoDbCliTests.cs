using Kombu.Tests.Cli;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>The kombu tool with mongodb URLs: separate invocations share the database's queues.</summary>
[TestFixture]
public sealed class MongoDbCliTests : MongoDbTestBase
{
    [Test]
    public void PublishThenConsume_SeparateInvocations_RoundTripJsonLine()
    {
        var published = CliRunner.Run("publish", "--url", Url, "--exchange", "cliex", "--routing-key", "rk",
            "--declare-queue", "cliq", "--header", "h1=v", "--priority", "3", """{"a": [1, 2.5, "x"]}""");
        var size = CliRunner.Run("size", "--url", Url, "--queue", "cliq");
        var consumed = CliRunner.Run("consume", "--url", Url, "--queue", "cliq", "--limit", "1", "--timeout", "5");
        var after = CliRunner.Run("size", "--url", Url, "--queue", "cliq");

        Assert.That((published.ExitCode, size.Stdout.Trim(), consumed.ExitCode, after.Stdout.Trim()), Is.EqualTo((0, "1", 0, "0")),
            published.Stderr + size.Stderr + consumed.Stderr);
        Assert.That(consumed.Stdout, Does.StartWith("""{"body": {"a": [1, 2.5, "x"]}, "content_type": "application/json", """));
        Assert.That(consumed.Stdout, Does.Contain("\"h1\": \"v\"").And.Contain("\"priority\": 3"));
    }

    [Test]
    public void Publish_MongoDbUrl_WritesKombuMessageDocument()
    {
        var published = CliRunner.Run("publish", "--url", Url, "--exchange", "", "--routing-key", "plainq",
            "--declare-queue", "plainq", "--priority", "8", "1");

        Assert.That(published.ExitCode, Is.Zero, published.Stderr);
        var document = All("messages").Single();
        Assert.That((document["queue"].AsString, document["priority"].AsInt32), Is.EqualTo(("plainq", 1)));
    }
}
