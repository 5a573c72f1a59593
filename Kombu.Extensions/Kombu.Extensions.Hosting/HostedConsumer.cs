using Kombu.Mixins;
using Kombu.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kombu.Extensions.Hosting;

/// <summary>The <see cref="ConsumerMixin"/> behind a hosted consumer: one consumer on the configured queues, each message
/// handed to a <typeparamref name="THandler"/> resolved in a scope of its own.</summary>
/// <typeparam name="THandler">The message handler.</typeparam>
internal sealed class HostedConsumer<THandler> : ConsumerMixin where THandler : class, IMessageHandler
{
    private readonly IServiceScopeFactory _scopes;
    private readonly KombuConsumerOptions _options;
    private readonly ILogger _logger;

    public HostedConsumer(Connection connection, IServiceScopeFactory scopes, KombuConsumerOptions options, int? connectMaxRetries)
    {
        Connection = connection;
        _scopes = scopes;
        _options = options;
        _logger = connection.LoggerFactory.CreateLogger<THandler>();
        ConnectMaxRetries = connectMaxRetries;
    }

    public override Connection Connection { get; }

    public override IEnumerable<Consumer> GetConsumers(ConsumerFactory factory, IChannel channel)
    {
        var consumer = factory(_options.Queues, accept: _options.Accept, prefetchCount: _options.PrefetchCount);
        consumer.RegisterCallback(HandleAsync);
        return [consumer];
    }

    private async Task HandleAsync(object? body, Message message, CancellationToken cancellationToken)
    {
        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var handler = scope.ServiceProvider.GetRequiredService<THandler>();
                await handler.HandleAsync(body, message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: the unacknowledged message goes back to the queue when the channel closes.
            return;
        }
        catch (Exception ex)
        {
            if (!message.Acknowledged)
                await message.RejectAsync(_options.RequeueOnError, cancellationToken).ConfigureAwait(false);
            _logger.LogHandlerFailed(ex, typeof(THandler).Name, message.RoutingKey, _options.RequeueOnError ? "requeued" : "rejected");
            return;
        }
        if (!message.Acknowledged)
            await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
