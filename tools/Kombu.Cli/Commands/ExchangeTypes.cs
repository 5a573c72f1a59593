namespace Kombu.Cli.Commands;

/// <summary>The exchange types the tool accepts.</summary>
public static class ExchangeTypes
{
    /// <summary>direct, topic, fanout and headers.</summary>
    public static readonly string[] All = ["direct", "topic", "fanout", "headers"];
}
