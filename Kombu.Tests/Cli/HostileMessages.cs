using Kombu.Compression;

namespace Kombu.Tests.Cli;

/// <summary>
/// Messages <c>kombu consume</c> cannot decode (truncated zlib, a zlib bomb over the limit, headers nested deeper
/// than 512 levels, garbage JSON), followed by one good message, as hostile or broken publishers send them.
/// </summary>
internal static class HostileMessages
{
    /// <summary>How many undecodable messages <see cref="Publish"/> sends before the good one.</summary>
    public const int UndecodableCount = 4;

    /// <summary>The limit the bomb exceeds; tests set <see cref="Compressors.MaxDecompressedSize"/> to it.</summary>
    public const long Limit = 1 << 20;

    /// <summary>Publishes the undecodable messages, then <c>{"ok": 1}</c>, to <paramref name="queue"/> (declared).</summary>
    /// <param name="url">The broker URL.</param>
    /// <param name="queue">The queue.</param>
    /// <param name="deepHeaders">
    /// Whether to send the deeply nested headers too (a virtual transport's JSON envelope cannot carry them).
    /// </param>
    /// <returns>How many undecodable messages were sent.</returns>
    public static int Publish(string url, string queue, bool deepHeaders = true)
    {
        using var connection = new Connection(url);
        var target = new Queue(queue, new Exchange("", "direct"), queue);
        var producer = connection.CreateProducer(routingKey: queue);
        var zlib = new Dictionary<string, object?> { ["compression"] = "application/x-gzip" };
        var truncated = Compressors.Compress("{\"a\": 1}"u8.ToArray(), "zlib").Body[..^3];
        var bomb = Compressors.Compress(new byte[2 * Limit], "zlib").Body;
        var deep = new Dictionary<string, object?>();
        for (var i = 0; i < 600; i++)
            deep = new Dictionary<string, object?> { ["x"] = deep };

        producer.Publish(truncated, contentType: "application/json", contentEncoding: "utf-8", headers: zlib, declare: [target]);
        producer.Publish(bomb, contentType: "application/json", contentEncoding: "utf-8", headers: new Dictionary<string, object?>(zlib));
        if (deepHeaders)
        {
            producer.Publish("{\"deep\": 1}"u8.ToArray(), contentType: "application/json", contentEncoding: "utf-8",
                headers: new Dictionary<string, object?> { ["d"] = deep });
        }

        producer.Publish(new byte[] { 0xFF, 0xFE, (byte)'{' }, contentType: "application/json", contentEncoding: "utf-8");
        producer.Publish(new Dictionary<string, object?> { ["ok"] = 1L }, serializer: "json");
        return deepHeaders ? UndecodableCount : UndecodableCount - 1;
    }

    /// <summary>Runs <paramref name="action"/> with <see cref="Compressors.MaxDecompressedSize"/> at <see cref="Limit"/>.</summary>
    public static T WithLimit<T>(Func<T> action)
    {
        var saved = Compressors.MaxDecompressedSize;
        Compressors.MaxDecompressedSize = Limit;
        try
        {
            return action();
        }
        finally
        {
            Compressors.MaxDecompressedSize = saved;
        }
    }

    /// <summary>Checks what consume printed: each undecodable message with a null body and an error, then the good one.</summary>
    /// <param name="result">The consume run.</param>
    /// <param name="undecodable">How many undecodable messages come before the good one.</param>
    public static void AssertPrinted(CliResult result, int undecodable = UndecodableCount)
    {
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var records = result.Lines.Select(line => (IDictionary<string, object?>)Kombu.Serialization.KombuJson.Deserialize(line)!).ToList();
        Assert.That(records, Has.Count.EqualTo(undecodable + 1), result.Stdout);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < undecodable; i++)
            {
                Assert.That(records[i]["body"], Is.Null, $"record {i}");
                Assert.That(records[i]["error"], Is.InstanceOf<string>().And.Not.Empty, $"record {i}");
            }
            Assert.That(records[undecodable]["body"], Is.EqualTo(new Dictionary<string, object?> { ["ok"] = 1L }));
            Assert.That(records[undecodable].ContainsKey("error"), Is.False);
        });
    }
}
