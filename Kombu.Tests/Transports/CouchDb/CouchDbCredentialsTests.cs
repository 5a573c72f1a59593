using System.Text.Json.Nodes;
using Kombu.Transport.CouchDb;

namespace Kombu.Tests.Transports.CouchDb;

/// <summary>Credentials from the URL, checked by pouchdb-server against a user of its <c>_users</c> database.</summary>
[NonParallelizable]
public sealed class CouchDbCredentialsTests
{
    private const string Password = "pa:ss-wörd";
    private string _user = "";
    private string _database = "";

    [SetUp]
    public void CreateUserAndDatabase()
    {
        CouchDbBroker.Require();
        _user = "ku" + Guid.NewGuid().ToString("N")[..10];
        _database = "ct_auth_" + Guid.NewGuid().ToString("N")[..10];
        using var http = CouchDbBroker.CreateHttp();
        var status = CouchDbBroker.Put(http, $"_users/org.couchdb.user:{_user}",
            new JsonObject { ["name"] = _user, ["password"] = Password, ["roles"] = new JsonArray(), ["type"] = "user" });
        Assert.That(status, Is.EqualTo(201), "creating the test user");
        // Only administrators create databases and design documents, so an anonymous (admin party) connection makes them.
        using var admin = new Connection($"couchdb://127.0.0.1:5984/{_database}");
        admin.Connect();
    }

    [TearDown]
    public void DeleteDatabase()
    {
        using var http = CouchDbBroker.CreateHttp();
        http.DeleteAsync(_database).GetAwaiter().GetResult().Dispose();
    }

    [Test]
    public void Url_ValidCredentials_PublishAndGetWork()
    {
        using var conn = new Connection($"couchdb://{_user}:{Uri.EscapeDataString(Password)}@127.0.0.1:5984/{_database}");
        var queue = new Queue("auth", durable: false).Bind(conn.DefaultChannel);
        queue.Declare();

        conn.CreateProducer().Publish("secret message", routingKey: queue.Name);

        Assert.That(queue.Get(noAck: true)?.Decode(), Is.EqualTo("secret message"));
    }

    [Test]
    public void Url_WrongPassword_ThrowsConnectionErrorNamingUserWithoutPassword()
    {
        using var conn = new Connection($"couchdb://{_user}:wrong-{Uri.EscapeDataString(Password)}@127.0.0.1:5984/{_database}");

        var error = Assert.Throws<CouchDbConnectionException>(() => conn.Connect())!;

        Assert.That(error.Message, Does.Contain($"user '{_user}'").And.Contain("401").And.Not.Contain(Password));
    }
}
