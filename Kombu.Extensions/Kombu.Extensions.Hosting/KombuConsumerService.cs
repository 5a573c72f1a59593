using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kombu.Extensions.Hosting;

/// <summary>Runs a hosted consumer for <typeparamref name="THandler"/> with the host: <see cref="Mixins.ConsumerMixin.RunAsync"/>
/// consumes, reconnects after connection errors, and stops when the host stops.</summary>
/// <typeparam name="THandler">The message handler.</typeparam>
internal sealed class KombuConsumerService<THandler> : BackgroundService where THandler : class, IMessageHandler
{
    private readonly HostedConsumer<THandler> _consumer;
    private readonly KombuConsumerOptions _options;
    private readonly ILogger _logger;

    public KombuConsumerService(Connection connection, IServiceScopeFactory scopes, IOptions<KombuOptions> kombu,
        KombuConsumerOptions options)
    {
        _options = options;
        _consumer = new HostedConsumer<THandler>(connection, scopes, options, kombu.Value.ConnectMaxRetries);
        _logger = connection.LoggerFactory.CreateLogger<KombuConsumerService<THandler>>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogConsumerStarting(typeof(THandler).Name, string.Join(", ", _options.Queues.Select(queue => queue.Name)));
        await _consumer.RunAsync(stoppingToken).ConfigureAwait(false);
        _logger.LogConsumerStopped(typeof(THandler).Name);
    }
}
