namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class ConsumeCommandTests
{
    [Test]
    public void Execute_Limit_StopsAfterThatManyAndLeavesTheRest()
    {
        var queue = CliRunner.Unique("limit");
        CliMessages.Publish(queue, "1", "--count", "3");

        var records = CliMessages.Consume(queue, "--limit", "2");
        var size = CliRunner.Run("size", "--url", "memory://", "--queue", queue);

        Assert.That(records, Has.Count.EqualTo(2));
        Assert.That(size.Stdout.Trim(), Is.EqualTo("1"));
    }

    [Test]
    public void Execute_TimeoutOnEmptyQueue_ExitsZeroWithoutOutput()
    {
        var result = CliRunner.Run("consume", "--url", "memory://", "--queue", CliRunner.Unique("empty"), "--timeout", "0");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Is.Empty);
    }

    [Test]
    public void Execute_Requeue_LeavesTheMessageInTheQueue()
    {
        var queue = CliRunner.Unique("requeue");
        CliMessages.Publish(queue, "1");

        var records = CliMessages.Consume(queue, "--limit", "1", "--requeue");
        var size = CliRunner.Run("size", "--url", "memory://", "--queue", queue);

        Assert.That(records, Has.Count.EqualTo(1));
        Assert.That(size.Stdout.Trim(), Is.EqualTo("1"));
    }

    [Test]
    public void Execute_Ack_RemovesTheMessage()
    {
        var queue = CliRunner.Unique("ack");
        CliMessages.Publish(queue, "1");

        CliMessages.Consume(queue, "--limit", "1");
        var size = CliRunner.Run("size", "--url", "memory://", "--queue", queue);

        Assert.That(size.Stdout.Trim(), Is.EqualTo("0"));
    }

    [Test]
    public void Execute_BinaryBody_PrintedInBytesTypeForm()
    {
        var record = CliMessages.RoundTrip("raw text", "--content-type", "application/octet-stream", "--content-encoding", "binary");

        Assert.That(record["body"], Is.EqualTo(System.Text.Encoding.UTF8.GetBytes("raw text")));
    }

    [Test]
    public void Execute_BinaryBody_WritesTypeMarker()
    {
        var queue = CliRunner.Unique("bytes");
        CliMessages.Publish(queue, "abc", "--content-type", "application/octet-stream", "--content-encoding", "binary");

        var result = CliRunner.Run("consume", "--url", "memory://", "--queue", queue, "--limit", "1");

        Assert.That(result.Stdout, Does.StartWith("{\"body\": {\"__type__\": \"bytes\", \"__value__\": "));
    }

    [Test]
    public void Execute_ContentNotAccepted_PrintsErrorAndKeepsTheMessage()
    {
        var queue = CliRunner.Unique("accept");
        CliMessages.Publish(queue, "words", "--content-type", "text/plain");

        var records = CliMessages.Consume(queue, "--limit", "1", "--accept", "json");
        var size = CliRunner.Run("size", "--url", "memory://", "--queue", queue);

        Assert.That(records.Single()["body"], Is.Null);
        Assert.That(records.Single()["error"], Is.InstanceOf<string>().And.Not.Empty);
        Assert.That(size.Stdout.Trim(), Is.EqualTo("1"));
    }

    [Test]
    public void Execute_ExchangeOption_BindsTheQueueBeforeConsuming()
    {
        var queue = CliRunner.Unique("cx");
        var exchange = CliRunner.Unique("cxe");
        var first = CliRunner.Run("consume", "--url", "memory://", "--queue", queue, "--exchange", exchange,
            "--exchange-type", "direct", "--routing-key", "k", "--timeout", "0");
        Assert.That(first.ExitCode, Is.Zero, first.Stderr);
        var publish = CliRunner.Run("publish", "--url", "memory://", "--exchange", exchange, "--routing-key", "k", "42");
        Assert.That(publish.ExitCode, Is.Zero, publish.Stderr);

        var records = CliMessages.Consume(queue);

        Assert.That(records.Single()["body"], Is.EqualTo(42L));
    }

    [Test]
    public void Execute_UndecodableMessages_PrintsEachWithAnErrorKeepsThemAndGoesOn()
    {
        var queue = CliRunner.Unique("hostile");
        HostileMessages.Publish("memory://", queue);

        var result = HostileMessages.WithLimit(() =>
            CliRunner.Run("consume", "--url", "memory://", "--queue", queue, "--timeout", "0"));
        var size = CliRunner.Run("size", "--url", "memory://", "--queue", queue);

        HostileMessages.AssertPrinted(result);
        Assert.That(size.Stdout.Trim(), Is.EqualTo(HostileMessages.UndecodableCount.ToString()));
    }
}
