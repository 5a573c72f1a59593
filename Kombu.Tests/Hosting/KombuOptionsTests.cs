using Kombu.Extensions.Hosting;
using Kombu.Pools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kombu.Tests.Hosting;

/// <summary><see cref="KombuOptions"/> bound from configuration and checked when the host starts.</summary>
[TestFixture]
[Category("Unit")]
public sealed class KombuOptionsTests
{
    [Test]
    public void AddKombu_BindsEveryOption_IntoTheConnection()
    {
        using var host = HostedApp.Build(new Dictionary<string, string?>
        {
            ["Url"] = "amqp://guest:guest@rabbit1:5672//",
            ["Alternates:0"] = "amqp://guest:guest@rabbit2:5672//",
            ["FailoverStrategy"] = "shuffle",
            ["TransportOptions:confirm_publish"] = "true",
            ["ConnectTimeout"] = "00:00:02",
            ["Heartbeat"] = "00:00:30",
            ["ConnectionPoolLimit"] = "3",
            ["ProducerPoolLimit"] = "4",
        });

        var connection = host.Services.GetRequiredService<Connection>();
        var pools = (host.Services.GetRequiredService<ConnectionPool>(), host.Services.GetRequiredService<ProducerPool>());

        Assert.That((connection.Hostname, connection.Alternates.Count, connection.FailoverStrategy, connection.ConnectTimeout,
            connection.Heartbeat, connection.TransportOptions["confirm_publish"]),
            Is.EqualTo(("rabbit1", 1, "shuffle", TimeSpan.FromSeconds(2), (TimeSpan?)TimeSpan.FromSeconds(30), (object?)"true")));
        Assert.That((pools.Item1.Limit, pools.Item2.Limit, pools.Item2.Connections), Is.EqualTo(((int?)3, (int?)4, pools.Item1)));
        Assert.That(connection.LoggerFactory, Is.SameAs(host.Services.GetRequiredService<ILoggerFactory>()),
            "the host's logging is wired into the connection");
    }

    [Test]
    public async Task StartAsync_BadOptions_FailsWithOneMessagePerSetting()
    {
        using var host = HostedApp.Build(new Dictionary<string, string?>
        {
            ["Url"] = "amqp://localhost//?bogus_option=1",
            ["FailoverStrategy"] = "random",
            ["ConnectTimeout"] = "00:00:00",
            ["ConnectionPoolLimit"] = "0",
        });

        var error = (await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync()))!;

        Assert.That(error.Failures.Count(), Is.EqualTo(4));
        Assert.That(error.Failures, Has.Some.StartsWith("Kombu:Url is not a valid broker URL: "));
        Assert.That(error.Failures, Has.Some.EqualTo("Kombu:FailoverStrategy is 'random': use round-robin or shuffle."));
        Assert.That(error.Failures, Has.Some.EqualTo("Kombu:ConnectTimeout is 00:00:00: it must be greater than zero."));
        Assert.That(error.Failures, Has.Some.EqualTo("Kombu:ConnectionPoolLimit is 0: it must be greater than zero."));
    }

    [Test]
    public async Task StartAsync_NoUrl_SaysWhatToSet()
    {
        using var host = HostedApp.Build(new Dictionary<string, string?>());

        var error = (await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync()))!;

        Assert.That(error.Failures, Is.EqualTo(new[]
        {
            "Kombu:Url is required: a broker URL such as amqp://guest:guest@localhost:5672//, redis://localhost:6379/0 or memory://.",
        }));
    }

    [Test]
    public async Task StartAsync_UnknownTransport_NamesIt()
    {
        using var host = HostedApp.Build("nope://localhost");

        var error = (await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync()))!;

        Assert.That(error.Failures.Single(), Does.StartWith("Kombu:Url names a transport that cannot be loaded: ").And.Contain("nope"));
    }

    [Test]
    public void AddKombuConsumer_NoQueue_Throws()
    {
        var services = new ServiceCollection();

        Assert.That(() => services.AddKombuConsumer<RecordingHandler>(_ => { }),
            Throws.ArgumentException.With.Message.StartsWith("AddKombuConsumer<RecordingHandler> needs at least one queue."));
    }
}
