namespace Kombu.Transport.MongoDb;

/// <summary>The error texts of the MongoDB transport.</summary>
internal static class MongoDbErrors
{
    public static string BadOption(string name, object value) =>
        $"MongoDB transport option '{name}' has an unusable value '{value}': give a non-negative number.";

    public static string BadUrl(string url, string reason) =>
        $"The MongoDB URL '{url}' cannot be used: {reason}. Write it as mongodb://[user:password@]host[:port][,host2...]/[database][?options].";
}
