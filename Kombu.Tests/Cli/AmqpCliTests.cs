using Kombu.Tests.Transports.Amqp;

namespace Kombu.Tests.Cli;

/// <summary>The kombu commands against RabbitMQ: separate invocations share the broker's queues.</summary>
public sealed class AmqpCliTests
{
    private const string Url = AmqpBroker.Url;

    [SetUp]
    public void RequireBroker() => AmqpBroker.Require();

    [Test]
    public void Demo_Amqp_PrintsReceivedBody()
    {
        var result = CliRunner.Run("demo", "--url", Url);

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout.Trim(), Is.EqualTo("""{"name": "/tmp/lolcat1.avi", "size": 1301013}"""));
    }

    [Test]
    public void PublishThenConsume_SeparateInvocations_RoundTripJsonLine()
    {
        var name = AmqpBroker.UniqueName("cli");
        var published = CliRunner.Run("publish", "--url", Url, "--exchange", name, "--routing-key", "rk",
            "--declare-queue", name, "--header", "h1=v", "--property", "correlation_id=cid-1", "--priority", "3",
            "--compression", "zlib", """{"a": [1, 2.5, "é"]}""");
        var size = CliRunner.Run("size", "--url", Url, "--queue", name);
        var consumed = CliRunner.Run("consume", "--url", Url, "--queue", name, "--limit", "1", "--timeout", "5");
        var after = CliRunner.Run("size", "--url", Url, "--queue", name);
        CliRunner.Run("delete", "queue", name, "--url", Url);
        CliRunner.Run("delete", "exchange", name, "--url", Url);

        Assert.That((published.ExitCode, size.Stdout.Trim(), after.Stdout.Trim()), Is.EqualTo((0, "1", "0")), published.Stderr);
        Assert.That(consumed.Stdout, Does.StartWith("""{"body": {"a": [1, 2.5, "\u00e9"]}, "content_type": "application/json", """)
            .Or.StartWith("""{"body": {"a": [1, 2.5, "é"]}, "content_type": "application/json", """));
        Assert.That(consumed.Stdout, Does.Contain("\"h1\": \"v\"").And.Contain("\"correlation_id\": \"cid-1\"")
            .And.Contain("\"compression\": \"application/x-gzip\""));
    }

    [Test]
    public void Consume_ExistingQueueWithOtherFlags_IsUsedAsIs()
    {
        var name = AmqpBroker.UniqueName("flags");
        using (var conn = new Connection(Url))
            new Queue(name, durable: false, autoDelete: false).Bind(conn.DefaultChannel).Declare();

        var published = CliRunner.Run("publish", "--url", Url, "--exchange", "", "--routing-key", name, "--declare-queue", name, "1");
        var consumed = CliRunner.Run("consume", "--url", Url, "--queue", name, "--limit", "1", "--timeout", "5");
        CliRunner.Run("delete", "queue", name, "--url", Url);

        Assert.That((published.ExitCode, consumed.ExitCode), Is.EqualTo((0, 0)), published.Stderr + consumed.Stderr);
        Assert.That(consumed.Stdout, Does.StartWith("""{"body": 1, """));
    }

    [Test]
    public void DeclarePurgeSize_Queue_CountsMessages()
    {
        var name = AmqpBroker.UniqueName("purge");
        CliRunner.Run("declare", "queue", name, "--url", Url, "--durable", "false");
        CliRunner.Run("publish", "--url", Url, "--exchange", "", "--routing-key", name, "--count", "3", "1");

        var purged = CliRunner.Run("purge", "--url", Url, "--queue", name);
        CliRunner.Run("delete", "queue", name, "--url", Url);

        Assert.That((purged.ExitCode, purged.Stdout.Trim()), Is.EqualTo((0, "3")), purged.Stderr);
    }

    [Test]
    public void Consume_MissingQueueOnBroker_FailsWithOneLineError()
    {
        var result = CliRunner.Run("size", "--url", Url, "--queue", AmqpBroker.UniqueName("absent"));

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("NOT_FOUND").And.Not.Contain("guest:guest"));
    }

    [Test]
    public async Task CallAndListen_Amqp_NodeAnswers()
    {
        var ns = AmqpBroker.UniqueName("mbox");
        var listener = Task.Run(() => CliRunner.Run("listen", "--url", Url, "--mailbox", ns, "--hostname", "n1", "--limit", "1"));
        string reply = "";
        for (var attempt = 0; attempt < 40 && reply.Length == 0 && !listener.IsCompleted; attempt++)
            reply = CliRunner.Run("call", "--url", Url, "--mailbox", ns, "--destination", "n1", "--timeout", "1", "echo", """{"k": "v"}""").Stdout.Trim();
        var listened = await listener;

        Assert.That(reply, Is.EqualTo("""{"n1": {"k": "v"}}"""));
        Assert.That(listened.ExitCode, Is.Zero, listened.Stderr);
    }

    [Test]
    public void Consume_UndecodableMessages_PrintedWithErrorsLeftQueuedAndNextRunGoesOnToo()
    {
        var name = AmqpBroker.UniqueName("hostile");
        HostileMessages.Publish(Url, name);

        var first = HostileMessages.WithLimit(() => CliRunner.Run("consume", "--url", Url, "--queue", name, "--timeout", "2"));
        var second = HostileMessages.WithLimit(() => CliRunner.Run("consume", "--url", Url, "--queue", name, "--timeout", "2"));
        var size = CliRunner.Run("size", "--url", Url, "--queue", name);
        CliRunner.Run("delete", "queue", name, "--url", Url);

        HostileMessages.AssertPrinted(first);
        Assert.That(second.ExitCode, Is.Zero, second.Stderr);
        Assert.That(second.Lines, Has.Length.EqualTo(HostileMessages.UndecodableCount));
        Assert.That(size.Stdout.Trim(), Is.EqualTo(HostileMessages.UndecodableCount.ToString()));
    }

    [TestCase("?confirm_publish=true")]
    [TestCase("")]
    public void Publish_ConfirmsOnByDefaultOrAskedInUrl_AllMessagesArrive(string query)
    {
        var name = AmqpBroker.UniqueName("confirm");
        var published = CliRunner.Run("publish", "--url", Url + query, "--exchange", "", "--routing-key", name,
            "--declare-queue", name, "--count", "300", "1");
        var size = CliRunner.Run("size", "--url", Url, "--queue", name);
        CliRunner.Run("delete", "queue", name, "--url", Url);

        Assert.That((published.ExitCode, size.Stdout.Trim()), Is.EqualTo((0, "300")), published.Stderr);
    }

    [Test]
    public void Publish_ConfirmedInBatches_AllMessagesArrive()
    {
        var name = AmqpBroker.UniqueName("batches");
        var published = CliRunner.Run("publish", "--url", Url, "--exchange", "", "--routing-key", name,
            "--declare-queue", name, "--count", "300", "--batch", "64", "1");
        var size = CliRunner.Run("size", "--url", Url, "--queue", name);
        CliRunner.Run("delete", "queue", name, "--url", Url);

        Assert.That((published.ExitCode, size.Stdout.Trim()), Is.EqualTo((0, "300")), published.Stderr);
    }

    [Test]
    public void Publish_NoConfirm_AllMessagesArrive()
    {
        var name = AmqpBroker.UniqueName("noconfirm");
        var published = CliRunner.Run("publish", "--url", Url, "--exchange", "", "--routing-key", name,
            "--declare-queue", name, "--count", "300", "--no-confirm", "1");
        var size = CliRunner.Run("size", "--url", Url, "--queue", name);
        CliRunner.Run("delete", "queue", name, "--url", Url);

        Assert.That((published.ExitCode, size.Stdout.Trim()), Is.EqualTo((0, "300")), published.Stderr);
    }
}
