using System.Threading.Channels;
using Kombu.Extensions.Hosting;
using Kombu.Pools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kombu.Tests.Hosting;

/// <summary>A Generic Host built as an application builds it: configuration from a <c>Kombu</c> section, <c>AddKombu</c>,
/// and whatever the test adds; no appsettings or environment variables read.</summary>
internal static class HostedApp
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static IHost Build(IDictionary<string, string?> kombuSection, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(kombuSection.Select(pair =>
            KeyValuePair.Create(ConfigurationPath.Combine(KombuOptions.SectionName, pair.Key), pair.Value)));
        builder.Services.AddLogging();
        builder.Services.AddKombu(builder.Configuration.GetSection(KombuOptions.SectionName));
        builder.Services.AddSingleton<Inbox>();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    public static IHost Build(string url, Action<IServiceCollection>? configure = null) =>
        Build(new Dictionary<string, string?> { ["Url"] = url }, configure);

    /// <summary>Publishes through the host's producer pool, declaring the queue.</summary>
    public static async Task PublishAsync(IHost host, Queue queue, object body, bool retry = false)
    {
        var producers = host.Services.GetRequiredService<ProducerPool>();
        var producer = await producers.AcquireAsync(block: true, timeout: Wait);
        try
        {
            await producer.PublishAsync(body, routingKey: queue.RoutingKey, exchange: queue.Exchange?.Name, declare: [queue],
                retry: retry, retryPolicy: retry ? new RetryPolicy { MaxRetries = 60, IntervalMax = TimeSpan.FromSeconds(1) } : null);
        }
        finally
        {
            await producers.ReleaseAsync(producer);
        }
    }
}

/// <summary>What the recording handler saw, in order.</summary>
internal sealed class Inbox
{
    private readonly Channel<object?> _bodies = Channel.CreateUnbounded<object?>();

    public void Add(object? body) => _bodies.Writer.TryWrite(body);

    /// <summary>The next body a handler saw; fails the test when none comes within <see cref="HostedApp.Wait"/>.</summary>
    public async Task<object?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(HostedApp.Wait);
        try
        {
            return await _bodies.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no message handled within {HostedApp.Wait.TotalSeconds} s");
            throw;
        }
    }
}

/// <summary>Records each body; throws on the body <c>"fail"</c>.</summary>
internal sealed class RecordingHandler(Inbox inbox) : IMessageHandler
{
    public Task HandleAsync(object? body, Message message, CancellationToken cancellationToken)
    {
        if (body is "fail")
            throw new InvalidOperationException("the handler refused this message");
        inbox.Add(body);
        return Task.CompletedTask;
    }
}
