using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kombu.Tests.Hosting;

/// <summary>A hosted consumer (<c>AddKombuConsumer</c>) in a real Generic Host, on each broker of a subclass.</summary>
public abstract class HostedConsumerTests
{
    protected abstract string Url { get; }

    protected abstract string UniqueName(string suffix);

    [Test]
    public async Task HostedConsumer_HandlesPublishedMessages_AndAcksThem()
    {
        var queue = NewQueue("handled");
        using var host = HostedApp.Build(Url, services => services.AddKombuConsumer<RecordingHandler>(options => options.Queues.Add(queue)));
        var inbox = host.Services.GetRequiredService<Inbox>();
        await host.StartAsync();
        try
        {
            for (var i = 1; i <= 3; i++)
                await HostedApp.PublishAsync(host, queue, (long)i);
            var bodies = new[] { await inbox.NextAsync(), await inbox.NextAsync(), await inbox.NextAsync() };

            await host.StopAsync().WaitAsync(HostedApp.Wait);

            Assert.That(bodies, Is.EqualTo(new object[] { 1L, 2L, 3L }));
            Assert.That(await LeftInQueueAsync(queue), Is.Zero, "handled messages are acknowledged, so none is restored on stop");
        }
        finally
        {
            await DeleteAsync(queue);
        }
    }

    [Test]
    public async Task HostedConsumer_HandlerThrows_MessageRejectedAndNextOneHandled()
    {
        var queue = NewQueue("throws");
        using var host = HostedApp.Build(Url, services => services.AddKombuConsumer<RecordingHandler>(options => options.Queues.Add(queue)));
        var inbox = host.Services.GetRequiredService<Inbox>();
        await host.StartAsync();
        try
        {
            await HostedApp.PublishAsync(host, queue, "fail");
            await HostedApp.PublishAsync(host, queue, "next");
            var handled = await inbox.NextAsync();

            await host.StopAsync().WaitAsync(HostedApp.Wait);

            Assert.That(handled, Is.EqualTo("next"));
            Assert.That(await LeftInQueueAsync(queue), Is.Zero, "the failed message is rejected, not requeued");
        }
        finally
        {
            await DeleteAsync(queue);
        }
    }

    private Queue NewQueue(string suffix)
    {
        var name = UniqueName(suffix);
        return new Queue(name, new Exchange(name, "direct"), name);
    }

    private async Task<int> LeftInQueueAsync(Queue queue)
    {
        await using var connection = new Connection(Url);
        var bound = queue.Bind(await connection.CreateChannelAsync());
        var left = 0;
        while (await bound.GetAsync(noAck: true) is not null)
            left++;
        return left;
    }

    private async Task DeleteAsync(Queue queue)
    {
        await using var connection = new Connection(Url);
        var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue.Name);
        await channel.ExchangeDeleteAsync(queue.Exchange!.Name);
    }
}
