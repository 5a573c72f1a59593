using System.Net;
using System.Net.Sockets;
using Kombu.Tests.Transports.Amqp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kombu.Tests.Hosting;

/// <summary><c>AddHealthChecks().AddKombu()</c> against a live broker and a refused port.</summary>
[TestFixture]
public sealed class KombuHealthCheckTests
{
    [Test]
    public async Task HealthCheck_LiveRabbitMq_Healthy()
    {
        AmqpBroker.Require();

        var report = await CheckAsync(AmqpBroker.Url);

        Assert.That((report.Status, report.Entries["kombu"].Description),
            Is.EqualTo((HealthStatus.Healthy, "Connected to amqp://guest:**@127.0.0.1:5672//.")));
    }

    [Test]
    [Category("Unit")]
    public async Task HealthCheck_Memory_Healthy()
    {
        var report = await CheckAsync("memory://");

        Assert.That(report.Status, Is.EqualTo(HealthStatus.Healthy));
    }

    [Test]
    [Category("Unit")]
    public async Task HealthCheck_RefusedPort_UnhealthyNamingTheBroker()
    {
        var port = ClosedPort();

        var report = await CheckAsync($"amqp://guest:secret@127.0.0.1:{port}//");

        var entry = report.Entries["kombu"];
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Does.StartWith($"Cannot connect to amqp://guest:**@127.0.0.1:{port}//: "));
        Assert.That(entry.Description, Does.Not.Contain("secret"));
        Assert.That(entry.Exception, Is.Not.Null);
    }

    private static async Task<HealthReport> CheckAsync(string url)
    {
        using var host = HostedApp.Build(url, services => services.AddHealthChecks().AddKombu());
        return await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    // A port nothing listens on: bound, then released.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
