using System.Diagnostics;
using Kombu.Transport.MongoDb;
using MongoDB.Driver;

namespace Kombu.Tests.Transports.MongoDb;

/// <summary>How the transport turns a connection into the driver URL, database and client settings (no server needed).</summary>
[TestFixture]
[Category("Unit")]
public sealed class MongoDbUrlTests
{
    [Test]
    public void Url_ReplicaSetWithSeveralHosts_PassedToTheDriver()
    {
        var transport = Transport("mongodb://u:p%40ss@h1,h2:27018/celery?replicaSet=rs0&authSource=admin");

        Assert.That(transport.Url.Servers.Select(s => s.ToString()), Is.EqualTo(new[] { "h1:27017", "h2:27018" }));
        Assert.That((transport.Url.ReplicaSetName, transport.Url.AuthenticationSource), Is.EqualTo(("rs0", "admin")));
        Assert.That((transport.Url.Username, transport.Url.Password), Is.EqualTo(("u", "p@ss")));
        Assert.That(transport.DatabaseName, Is.EqualTo("celery"));
    }

    [Test]
    public void Connect_RefusedServer_FailsWithinTheConnectTimeoutNotTheDriversThirtySeconds()
    {
        using var connection = new Connection("mongodb://127.0.0.1:1/kombu", connectTimeout: TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        Assert.That(() => connection.Connect(), Throws.InstanceOf<Exception>());

        // Two attempts (Kombu's connect retries once) of 1 s each and the 2 s sleep between them.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void AsUri_ReplicaSetUrl_MasksThePassword()
    {
        using var conn = new Connection("mongodb://u:secret@h1,h2:27018/db?replicaSet=rs0");

        Assert.That(conn.AsUri(), Does.Not.Contain("secret").And.StartWith("mongodb://u:**@h1"));
    }

    [Test]
    public void Url_SchemeOnly_IsDefaultHostPortAndDatabase()
    {
        var transport = Transport("mongodb://");

        Assert.That(transport.Url.Servers.Single().ToString(), Is.EqualTo("127.0.0.1:27017"));
        Assert.That(transport.DatabaseName, Is.EqualTo("kombu_default"));
    }

    [Test]
    public void Url_RootPath_IsDefaultDatabaseOption()
    {
        var transport = Transport("mongodb://db.local/", new Dictionary<string, object?> { ["default_database"] = "jobs" });

        Assert.That(transport.DatabaseName, Is.EqualTo("jobs"));
    }

    [Test]
    public void Url_NoDatabase_UsesTheVirtualHost()
    {
        using var conn = new Connection("mongodb://db.local:27019", virtualHost: "vhostdb");

        var transport = (MongoDbTransport)conn.Transport;

        Assert.That((transport.DatabaseName, transport.Url.Servers.Single().ToString()), Is.EqualTo(("vhostdb", "db.local:27019")));
    }

    [Test]
    public void Url_UserIdKeyword_AddedAsCredentials()
    {
        using var conn = new Connection("mongodb://db.local/x", userId: "guest", password: "s:ecret");

        var url = ((MongoDbTransport)conn.Transport).Url;

        Assert.That((url.Username, url.Password), Is.EqualTo(("guest", "s:ecret")));
    }

    [Test]
    public void Url_SrvScheme_ReachesTheDriverAsSrv()
    {
        var transport = Transport("mongodb+srv://cluster0.example.invalid/orders");

        Assert.That((transport.Url.Scheme, transport.DatabaseName), Is.EqualTo((MongoDB.Driver.Core.Configuration.ConnectionStringScheme.MongoDBPlusSrv, "orders")));
    }

    [Test]
    public void Url_Malformed_ThrowsArgumentExceptionNamingTheUrl()
    {
        Assert.That(() => new MongoDbTransport(new Connection("mongodb://u:secret@h1/db?replicaSet=")),
            Throws.ArgumentException.With.Message.Contains("mongodb://u:**@h1").And.Message.Not.Contains("secret"));
    }

    [Test]
    public void Options_ConnectTimeoutAndSsl_ReachTheClientSettings()
    {
        var transport = Transport("mongodb://db.local/x", new Dictionary<string, object?> { ["connect_timeout"] = 2.5, ["ssl"] = true });

        var settings = transport.MongoClient.Settings;

        Assert.That((settings.ConnectTimeout, settings.UseTls), Is.EqualTo((TimeSpan.FromSeconds(2.5), true)));
    }

    [Test]
    public void Options_SslButUrlSaysTlsFalse_UrlWins()
    {
        var transport = Transport("mongodb://db.local/x?tls=false", new Dictionary<string, object?> { ["ssl"] = true });

        Assert.That(transport.MongoClient.Settings.UseTls, Is.False);
    }

    [Test]
    public void Options_Parse_ReadsKombuNamesAndDefaults()
    {
        var options = MongoDbTransportOptions.Parse(new Dictionary<string, object?>
        {
            ["ttl"] = "true",
            ["capped_queue_size"] = 4096,
            ["calc_queue_size"] = false,
            ["queues_collection"] = "qs",
        });

        Assert.That((options.Ttl, options.CappedQueueSize, options.CalcQueueSize, options.QueuesCollection),
            Is.EqualTo((true, 4096L, false, "qs")));
        Assert.That((options.MessagesCollection, options.RoutingCollection, options.BroadcastCollection, options.ConnectTimeout),
            Is.EqualTo(("messages", "messages.routing", "messages.broadcast", (TimeSpan?)null)));
    }

    [Test]
    public void Options_NegativeCappedSize_ThrowsArgumentException()
    {
        Assert.That(() => MongoDbTransportOptions.Parse(new Dictionary<string, object?> { ["capped_queue_size"] = -1 }),
            Throws.ArgumentException.With.Message.Contains("capped_queue_size"));
    }

    [Test]
    public void Connection_MongoDbScheme_ResolvesThisTransport()
    {
        using var conn = new Connection("mongodb://127.0.0.1/x");

        Assert.That((conn.Transport, conn.Transport.DriverType), Is.EqualTo((conn.Transport as MongoDbTransport, "mongodb")));
        Assert.That(conn.Transport, Is.InstanceOf<MongoDbTransport>());
    }

    private static MongoDbTransport Transport(string url, IDictionary<string, object?>? options = null) =>
        (MongoDbTransport)new Connection(url, transportOptions: options).Transport;
}
