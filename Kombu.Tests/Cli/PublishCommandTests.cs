using Kombu.Cli;

namespace Kombu.Tests.Cli;

[Category("Unit")]
public sealed class PublishCommandTests
{
    [Test]
    public void Execute_JsonBody_ArrivesDecodedWithJsonContentType()
    {
        var record = CliMessages.RoundTrip("{\"a\": [1, 2.5, \"x\"], \"b\": null}");

        Assert.That(record["body"], Is.EqualTo(new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, 2.5, "x" }, ["b"] = null }));
        Assert.That(record["content_type"], Is.EqualTo("application/json"));
    }

    [Test]
    public void Execute_RawSerializer_SendsTheLiteralText()
    {
        var record = CliMessages.RoundTrip("hello, {not json}", "--serializer", "raw");

        Assert.That(record["body"], Is.EqualTo("hello, {not json}"));
    }

    [Test]
    public void Execute_ContentTypeAndEncoding_SendsBodyUnserialized()
    {
        var record = CliMessages.RoundTrip("plain words", "--content-type", "text/plain", "--content-encoding", "utf-8");

        Assert.That(record["content_type"], Is.EqualTo("text/plain"));
        Assert.That(record["body"], Is.EqualTo("plain words"));
    }

    [Test]
    public void Execute_Headers_ParsedAsJsonElseKeptAsText()
    {
        var record = CliMessages.RoundTrip("1", "--header", "x-count=3", "--header", "x-name=some text", "--header", "x-list=[1,2]");

        var headers = CliMessages.Part(record, "headers");
        Assert.That(headers["x-count"], Is.EqualTo(3L));
        Assert.That(headers["x-name"], Is.EqualTo("some text"));
        Assert.That(headers["x-list"], Is.EqualTo(new List<object?> { 1L, 2L }));
    }

    [Test]
    public void Execute_Property_IsSentAsMessageProperty()
    {
        var record = CliMessages.RoundTrip("1", "--property", "correlation_id=abc-123");

        Assert.That(CliMessages.Part(record, "properties")["correlation_id"], Is.EqualTo("abc-123"));
    }

    [Test]
    public void Execute_Priority_IsSentAsMessageProperty()
    {
        var record = CliMessages.RoundTrip("1", "--priority", "7");

        Assert.That(CliMessages.Part(record, "properties")["priority"], Is.EqualTo(7L));
    }

    [Test]
    public void Execute_TransientDeliveryMode_IsSentAsDeliveryModeOne()
    {
        var record = CliMessages.RoundTrip("1", "--delivery-mode", "transient");

        Assert.That(CliMessages.Part(record, "properties")["delivery_mode"], Is.EqualTo(1L));
    }

    [Test]
    public void Execute_ZlibCompression_BodyArrivesDecompressed()
    {
        var record = CliMessages.RoundTrip("{\"text\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", "--compression", "zlib");

        Assert.That(CliMessages.Part(record, "headers")["compression"], Is.EqualTo("application/x-gzip"));
        Assert.That(record["body"], Is.EqualTo(new Dictionary<string, object?> { ["text"] = new string('a', 36) }));
    }

    [Test]
    public void Execute_BodyFile_SendsTheFileContents()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"from\": \"file\"}");
            var record = CliMessages.RoundTrip(null, "--body-file", path);

            Assert.That(record["body"], Is.EqualTo(new Dictionary<string, object?> { ["from"] = "file" }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Execute_Count_PublishesThatManyMessages()
    {
        var queue = CliRunner.Unique("count");
        CliMessages.Publish(queue, "\"m\"", "--count", "3");

        var size = CliRunner.Run("size", "--url", "memory://", "--queue", queue);

        Assert.That(size.Stdout.Trim(), Is.EqualTo("3"));
    }

    [Test]
    public void Execute_CountWithBatch_PublishesThatManyMessagesInBatches()
    {
        var queue = CliRunner.Unique("batch");
        CliMessages.Publish(queue, "\"m\"", "--count", "7", "--batch", "3");

        var size = CliRunner.Run("size", "--url", "memory://", "--queue", queue);

        Assert.That(size.Stdout.Trim(), Is.EqualTo("7"));
    }

    [Test]
    public void Execute_BatchZero_IsAUsageError()
    {
        var result = CliRunner.Run("publish", "--url", "memory://", "--exchange", "", "--routing-key", CliRunner.Unique("b0"),
            "--count", "3", "--batch", "0", "1");

        Assert.That(result.ExitCode, Is.EqualTo(Program.UsageError), result.Stderr);
        Assert.That(result.Stderr, Does.Contain("--batch"));
    }

    [Test]
    public void Execute_DeclareQueueWithBindingKey_RoutesThroughTheExchange()
    {
        var queue = CliRunner.Unique("bind");
        var exchange = CliRunner.Unique("ex");
        var publish = CliRunner.Run("publish", "--url", "memory://", "--exchange", exchange, "--exchange-type", "topic",
            "--routing-key", "a.b", "--declare-queue", queue, "--binding-key", "a.*", "{}");
        Assert.That(publish.ExitCode, Is.Zero, publish.Stderr);

        var records = CliMessages.Consume(queue);

        Assert.That(CliMessages.Part(records.Single(), "delivery_info")["routing_key"], Is.EqualTo("a.b"));
    }
}
