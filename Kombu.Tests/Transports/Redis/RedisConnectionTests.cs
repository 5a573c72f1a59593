using Kombu.Transport.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>URL handling of the Redis transport: credentials, database and options.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RedisConnectionTests : RedisWireTestBase
{
    private const string User = "kombu-net-test";

    [TearDown]
    public void DropUser() => Redis.Execute("ACL", "DELUSER", User);

    [Test]
    public void Connect_UserAndPasswordInUrl_AuthenticatesBothSockets()
    {
        Redis.Execute("ACL", "SETUSER", User, "on", ">s3cret", "~*", "&*", "+@all");
        using var conn = new Connection($"redis://{User}:s3cret@127.0.0.1:6379/{Db}",
            transportOptions: new Dictionary<string, object?> { ["global_keyprefix"] = KeyPrefix });
        var queue = new Queue(Name("auth"), durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var received = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], noAck: true);
        consumer.RegisterCallback((body, _) => received.Add(body));
        consumer.Consume();

        // The queue is empty, so the drain blocks in BRPOP on the dedicated (authenticated) socket first.
        var publisher = Task.Run(() =>
        {
            Thread.Sleep(200);
            using var other = new Connection($"redis://{User}:s3cret@127.0.0.1:6379/{Db}",
                transportOptions: new Dictionary<string, object?> { ["global_keyprefix"] = KeyPrefix });
            other.CreateProducer().Publish("authenticated", routingKey: queue.Name);
        });
        conn.DrainEvents(TimeSpan.FromSeconds(10));
        publisher.Wait();

        Assert.That(received, Is.EqualTo(new object?[] { "authenticated" }));
        var clients = ((string)Redis.Execute("CLIENT", "LIST")!).Split('\n');
        Assert.That(clients.Any(c => c.Contains("name=kombu.net-brpop ", StringComparison.Ordinal) && c.Contains($"user={User} ", StringComparison.Ordinal)),
            Is.True, "the BRPOP socket authenticates as the URL's user");
        Assert.That(clients.Any(c => c.Contains("name=kombu.net ", StringComparison.Ordinal) && c.Contains($"user={User} ", StringComparison.Ordinal)),
            Is.True, "the multiplexer authenticates as the URL's user");
    }

    [Test]
    public void Connect_ClosedPort_ErrorNamesHostAndPortWithoutTheDriversAdvice()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var conn = new Connection($"redis://127.0.0.1:{port}/{Db}");

        var error = Assert.Throws<Kombu.Exceptions.KombuConnectionException>(() => conn.Connect());

        Assert.That(error!.Message, Does.StartWith($"Couldn't connect to Redis at 127.0.0.1:{port}: ").And.Not.Contain("abortConnect"));
        Assert.That(conn.RecoverableConnectionErrors.Any(t => t.IsInstanceOfType(error)), Is.True, "a refused connect is retried by Ensure");
    }

    [Test]
    public void Options_FanoutPrefixString_IsUsedVerbatim()
    {
        using var conn = Connect(new Dictionary<string, object?> { ["fanout_prefix"] = "/custom." });
        var transport = (RedisTransport)conn.Transport;

        Assert.That(transport.Options.FanoutPrefixFor(transport.Database), Is.EqualTo("/custom."));
    }

    [Test]
    public void Options_Defaults_MatchKombu()
    {
        var options = RedisTransportOptions.Parse(new Dictionary<string, object?>());

        Assert.That(options.VisibilityTimeout, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(options.PrioritySteps, Is.EqualTo(new[] { 0, 3, 6, 9 }));
        Assert.That(options.UnackedMutexExpire, Is.EqualTo(TimeSpan.FromSeconds(300)));
        Assert.That(options.FanoutPrefixFor(3), Is.EqualTo("/3."));
        Assert.That((options.AckEmulation, options.FanoutPatterns, options.UnackedKey, options.UnackedIndexKey, options.UnackedMutexKey),
            Is.EqualTo((true, true, "unacked", "unacked_index", "unacked_mutex")));
    }
}
