using System.Diagnostics;
using Kombu.Tests.Support;
using Kombu.Tests.Transports.Amqp;
using Microsoft.Extensions.DependencyInjection;

namespace Kombu.Tests.Hosting;

/// <summary>A hosted consumer rides through a RabbitMQ restart on the fault suite's own node (never the shared one).</summary>
[TestFixture]
[NonParallelizable]
[Category("Faults")]
public sealed class HostedConsumerFaultTests
{
    [SetUp]
    public void RequireBroker() => FaultRabbit.Require();

    [Test]
    public async Task HostedConsumer_BrokerRestart_ReconnectsAndHandlesTheNextMessage()
    {
        var name = AmqpBroker.UniqueName("hosted-fault");
        var queue = new Queue(name, new Exchange(name, "direct", durable: true), name, durable: true);
        using var host = HostedApp.Build(FaultRabbit.Url, services => services.AddKombuConsumer<RecordingHandler>(options => options.Queues.Add(queue)));
        var inbox = host.Services.GetRequiredService<Inbox>();
        await host.StartAsync();
        try
        {
            await HostedApp.PublishAsync(host, queue, "before");
            Assert.That(await inbox.NextAsync(), Is.EqualTo("before"));

            FaultRabbit.StopApp();
            FaultRabbit.StartApp();
            var back = Stopwatch.StartNew();
            await HostedApp.PublishAsync(host, queue, "after", retry: true);
            // "before" may come again: its ack can still have been on its way when the broker stopped (at least once).
            object? handled;
            do
                handled = await inbox.NextAsync();
            while (Equals(handled, "before"));

            Assert.That(handled, Is.EqualTo("after"));
            Assert.That(back.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "handled within 10 s of the broker being back");
            await host.StopAsync().WaitAsync(HostedApp.Wait);
        }
        finally
        {
            FaultRabbit.EnsureRunning();
            await using var cleanup = new Connection(FaultRabbit.Url);
            var channel = await cleanup.CreateChannelAsync();
            await channel.QueueDeleteAsync(name);
            await channel.ExchangeDeleteAsync(name);
        }
    }
}
