using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kombu.Tests.Support;
using StackExchange.Redis;

namespace Kombu.Tests.Transports.Redis;

/// <summary>
/// <c>rediss://</c> with Kombu's <c>ssl_*</c> options against a redis-server this fixture starts with TLS only, on a
/// spare port, requiring client certificates: both the multiplexer and the blocking-pop socket must use them.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Unit")]
public sealed class RedisTlsTests
{
    private string _dir = "";
    private int _port;
    private Process? _server;

    private string File(string name) => Path.Combine(_dir, name);

    [OneTimeSetUp]
    public void StartTlsRedis()
    {
        _dir = Path.Combine(Path.GetTempPath(), "kombu-tls-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        BrokerControl.Run("bash", ["-c", """
            set -e
            cd "$1"
            openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=kombu-test-ca 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1' > san.ext
            openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile san.ext 2>/dev/null
            openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=kombu-client 2>/dev/null
            openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 2 2>/dev/null
            """, "-", _dir], TimeSpan.FromSeconds(60));
        _port = FreePort();
        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = _dir };
        foreach (var arg in new[]
        {
            "--bind", "127.0.0.1", "--port", "0", "--tls-port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tls-cert-file", File("server.crt"), "--tls-key-file", File("server.key"), "--tls-ca-cert-file", File("ca.crt"),
            "--tls-auth-clients", "yes", "--save", "", "--appendonly", "no", "--dir", _dir,
        })
        {
            info.ArgumentList.Add(arg);
        }

        _server = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        BrokerControl.WaitForPort(_port, listening: true, TimeSpan.FromSeconds(20));
    }

    [OneTimeTearDown]
    public void StopTlsRedis()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            _server.WaitForExit(10_000);
        }
        _server?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private string Url(string query) => $"rediss://127.0.0.1:{_port}/0?{query}";

    private string ClientCertificate => $"ssl_certfile={File("client.crt")}&ssl_keyfile={File("client.key")}";

    // Consumes with the queue empty first, so the message arrives through the blocking pop's own socket.
    private static List<object?> ConsumeThroughTheBlockingPop(string url)
    {
        using var conn = new Connection(url);
        var queue = new Queue("tls-" + Guid.NewGuid().ToString("N")[..8], durable: false).Bind(conn.DefaultChannel);
        queue.Declare();
        var received = new List<object?>();
        using var consumer = conn.CreateConsumer([queue], callbacks: [(body, message) => { received.Add(body); message.Ack(); }]);
        consumer.Consume();
        Assert.Throws<TimeoutException>(() => conn.DrainEvents(TimeSpan.FromMilliseconds(300)), "BRPOP on an empty queue");
        var publisher = Task.Run(() =>
        {
            Thread.Sleep(200);
            using var other = new Connection(url);
            other.CreateProducer().Publish("over tls", routingKey: queue.Name);
        });
        conn.DrainEvents(TimeSpan.FromSeconds(10));
        publisher.Wait();
        return received;
    }

    [Test]
    public void Consume_CaAndClientCertificateOptions_BothSocketsUseThem() =>
        Assert.That(ConsumeThroughTheBlockingPop(Url($"ssl_cert_reqs=CERT_REQUIRED&ssl_ca_certs={File("ca.crt")}&{ClientCertificate}")),
            Is.EqualTo(new object?[] { "over tls" }));

    [Test]
    public void Consume_CertReqsNone_AcceptsTheUnknownAuthority() =>
        Assert.That(ConsumeThroughTheBlockingPop(Url($"ssl_cert_reqs=none&{ClientCertificate}")), Is.EqualTo(new object?[] { "over tls" }));

    [Test]
    public void Connect_ServerCertificateFromAnUnknownAuthority_IsRefused()
    {
        using var conn = new Connection(Url($"ssl_cert_reqs=required&{ClientCertificate}"));

        var error = Assert.Catch(() => conn.Connect());

        Assert.That(error, Is.InstanceOf<Kombu.Exceptions.KombuConnectionException>().Or.InstanceOf<Kombu.Exceptions.OperationalException>(), error!.ToString());
    }
}
