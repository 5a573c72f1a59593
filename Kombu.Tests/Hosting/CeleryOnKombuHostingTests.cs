using Kombu.Celery;
using Kombu.Celery.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kombu.Tests.Hosting;

/// <summary><c>AddCeleryApp()</c> on the connection of <c>AddKombu</c>, with a hosted Celery worker.</summary>
[TestFixture]
[Category("Unit")]
public sealed class CeleryOnKombuHostingTests
{
    [Test]
    public async Task AddCeleryApp_OnKombuConnection_WorkerAnswersATask()
    {
        var queue = $"kt-celery-{Guid.NewGuid():N}"[..20];
        using var host = HostedApp.Build("memory://", services => services
            .AddCeleryApp(backend: "rpc://")
            .AddCeleryWorker((worker, _) => worker.Register("t.add", (long x, long y) => x + y),
                new CeleryWorkerOptions { Queues = [queue], Hostname = $"{queue}@test" }));
        await host.StartAsync();
        try
        {
            var app = host.Services.GetRequiredService<CeleryApp>();
            await host.Services.GetRequiredService<CeleryWorker>().Started.WaitAsync(HostedApp.Wait);

            var sum = await (await app.SendTaskAsync("t.add", [2L, 3L], options: new TaskOptions { Queue = queue }))
                .GetAsync<long>(HostedApp.Wait);

            Assert.That((sum, app.Connection), Is.EqualTo((5L, host.Services.GetRequiredService<Connection>())));
        }
        finally
        {
            await host.StopAsync().WaitAsync(HostedApp.Wait);
        }
    }
}
