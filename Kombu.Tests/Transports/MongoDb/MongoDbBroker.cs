using Kombu.Tests.Support;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>
/// The MongoDB server the mongodb tests use: a real MongoDB when <c>KOMBU_MONGODB_URL</c> is set, else the CongoDB
/// emulator on 127.0.0.1:27017 started by tools/brokers/congodb.sh.
/// </summary>
internal static class MongoDbBroker
{
    private static readonly string? s_realUrl = Environment.GetEnvironmentVariable("KOMBU_MONGODB_URL") is { Length: > 0 } url ? url : null;

    /// <summary>Whether the tests run on the CongoDB emulator (no <c>KOMBU_MONGODB_URL</c>).</summary>
    public static bool OnEmulator => s_realUrl is null;

    /// <summary>The server URL without a database.</summary>
    public static string ServerUrl => s_realUrl ?? "mongodb://127.0.0.1:27017";

    /// <summary>The server URL naming <paramref name="database"/>.</summary>
    public static string Url(string database) => new MongoUrlBuilder(ServerUrl) { DatabaseName = database }.ToString();

    /// <summary>A raw driver handle on <paramref name="database"/>, to read what the transport wrote.</summary>
    public static IMongoDatabase Database(string database) => new MongoClient(ServerUrl).GetDatabase(database);

    /// <summary>Reads every document of a collection.</summary>
    public static List<BsonDocument> All(string database, string collection) =>
        Database(database).GetCollection<BsonDocument>(collection).Find(FilterDefinition<BsonDocument>.Empty).ToList();

    /// <summary>Fails the test unless the server is reachable.</summary>
    public static void Require()
    {
        if (OnEmulator)
        {
            BrokerEndpoint.Require("CongoDB (MongoDB emulator)", "127.0.0.1", 27017, "bash tools/brokers/congodb.sh start");
            return;
        }
        var server = new MongoUrl(s_realUrl).Servers.First();
        BrokerEndpoint.Require("MongoDB (KOMBU_MONGODB_URL)", server.Host, server.Port, "a reachable mongod at KOMBU_MONGODB_URL");
    }

    /// <summary>Skips the calling test on the emulator, printing why; on a real MongoDB it runs.</summary>
    public static void IgnoreOnEmulator(string cannot)
    {
        if (OnEmulator)
            Assert.Ignore($"The CongoDB emulator cannot {cannot}; this test runs against a real MongoDB when KOMBU_MONGODB_URL is set.");
    }
}
