using Kombu.Serialization;

namespace Kombu.Tests.Cli;

/// <summary>Publishes with the tool and reads back what <c>kombu consume</c> prints.</summary>
internal static class CliMessages
{
    /// <summary>Publishes BODY (none when null) through the default exchange to a fresh queue, with extra publish options.</summary>
    public static void Publish(string queue, string? body, params string[] options)
    {
        var result = CliRunner.Run(["publish", "--url", "memory://", "--exchange", "", "--routing-key", queue,
            "--declare-queue", queue, .. options, .. body is null ? Array.Empty<string>() : [body]]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
    }

    /// <summary>Consumes from a queue with extra options and returns each printed record.</summary>
    public static IReadOnlyList<IDictionary<string, object?>> Consume(string queue, params string[] options)
    {
        var result = CliRunner.Run(["consume", "--url", "memory://", "--queue", queue, "--timeout", "0", .. options]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        return result.Lines.Select(line => (IDictionary<string, object?>)KombuJson.Deserialize(line)!).ToList();
    }

    /// <summary>Publishes one message and consumes it again.</summary>
    public static IDictionary<string, object?> RoundTrip(string? body, params string[] publishOptions)
    {
        var queue = CliRunner.Unique("rt");
        Publish(queue, body, publishOptions);
        var records = Consume(queue, "--limit", "1");
        Assert.That(records, Has.Count.EqualTo(1));
        return records[0];
    }

    /// <summary>A nested dictionary of a record.</summary>
    public static IDictionary<string, object?> Part(IDictionary<string, object?> record, string key) =>
        (IDictionary<string, object?>)record[key]!;
}
