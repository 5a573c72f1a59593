using Kombu.Serialization;
using MongoDB.Bson;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>Gives each test its own database (dropped afterwards) and connections to it, closed after the test.</summary>
public abstract class MongoDbTestBase
{
    private readonly List<IDisposable> _disposables = [];

    /// <summary>This test's database.</summary>
    protected string Db { get; private set; } = "";

    /// <summary>The URL of this test's database.</summary>
    protected string Url => MongoDbBroker.Url(Db);

    [SetUp]
    public void SetUpDatabase()
    {
        MongoDbBroker.Require();
        Db = "kt_" + Guid.NewGuid().ToString("N")[..12];
    }

    [TearDown]
    public void DropDatabase()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
            _disposables[i].Dispose();
        _disposables.Clear();
        MongoDbBroker.Database(Db).Client.DropDatabase(Db);
    }

    /// <summary>A connection to this test's database, closed after the test.</summary>
    protected Connection Connect(IDictionary<string, object?>? options = null)
    {
        var connection = new Connection(Url, transportOptions: options);
        _disposables.Add(connection);
        return connection;
    }

    /// <summary>Drains events until <paramref name="until"/> holds or the timeout passes.</summary>
    protected static void DrainUntil(Connection connection, Func<bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!until() && DateTime.UtcNow < deadline)
        {
            try
            {
                connection.DrainEvents(TimeSpan.FromMilliseconds(500));
            }
            catch (TimeoutException)
            {
            }
        }
    }

    /// <summary>Every document of a collection of this test's database.</summary>
    protected List<BsonDocument> All(string collection) => MongoDbBroker.All(Db, collection);

    /// <summary>The envelope JSON in a message document's <c>payload</c>, decoded.</summary>
    protected static IDictionary<string, object?> Payload(BsonDocument document) =>
        (IDictionary<string, object?>)KombuJson.Deserialize(document["payload"].AsString)!;

    /// <summary>The <c>properties</c> map of an envelope.</summary>
    protected static IDictionary<string, object?> Properties(IDictionary<string, object?> envelope) =>
        (IDictionary<string, object?>)envelope["properties"]!;
}
