using Kombu.Tests.Transports.Redis;

namespace Kombu.Tests.Cli;

/// <summary>The kombu tool against the shared Redis (db 9, a unique queue per test).</summary>
[TestFixture]
public sealed class RedisCliTests
{
    private const int Db = 9;
    private static readonly string Url = RedisTestServer.Url(Db);

    [SetUp]
    public void RequireServer() => RedisTestServer.Require();

    [Test]
    public void Consume_EntriesThatAreNoEnvelopeAndUndecodableMessages_PrintedWithErrorsNoneLostAndNextRunGoesOnToo()
    {
        var name = CliRunner.Unique("rhostile");
        var redis = RedisTestServer.Database(Db);
        redis.ListLeftPush(name, "this is not json");
        redis.ListLeftPush(name, "{\"body\": \"!!not base64!!\", \"content-encoding\": \"utf-8\", \"content-type\": " +
            "\"application/json\", \"headers\": {}, \"properties\": {\"body_encoding\": \"base64\", \"delivery_tag\": " +
            "\"bad-tag\", \"delivery_info\": {\"exchange\": \"\", \"routing_key\": \"" + name + "\"}, \"priority\": 0}}");
        var undecodable = HostileMessages.Publish(Url, name, deepHeaders: false);
        try
        {
            var first = HostileMessages.WithLimit(() => CliRunner.Run("consume", "--url", Url, "--queue", name, "--timeout", "2"));
            var second = HostileMessages.WithLimit(() => CliRunner.Run("consume", "--url", Url, "--queue", name, "--timeout", "2"));
            var undeliverable = redis.ListRange(name + ".undeliverable").Select(v => (string)v!).ToList();

            Assert.That(first.ExitCode, Is.Zero, first.Stderr);
            var records = first.Lines.Select(line => (IDictionary<string, object?>)Kombu.Serialization.KombuJson.Deserialize(line)!).ToList();
            Assert.That(records.Take(2).Select(r => (r["body"], r["error"] is string { Length: > 0 })),
                Is.EqualTo(new[] { ((object?)null, true), (null, true) }), first.Stdout);
            HostileMessages.AssertPrinted(first with { Stdout = string.Join('\n', first.Lines.Skip(2)) }, undecodable);
            Assert.That(undeliverable, Has.Count.EqualTo(2), "the entries that are no envelope are kept aside");
            Assert.That(second.ExitCode, Is.Zero, second.Stderr);
            Assert.That(second.Lines, Has.Length.EqualTo(undecodable), "the undecodable messages stay queued");
        }
        finally
        {
            redis.KeyDelete(name + ".undeliverable");
            CliRunner.Run("delete", "queue", name, "--url", Url);
        }
    }
}
