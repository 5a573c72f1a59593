using Kombu.Transport.Virtual;
using StackExchange.Redis;
using PubSubChannel = StackExchange.Redis.RedisChannel;

namespace Kombu.Transport.Redis;

public sealed partial class RedisChannel
{
    private readonly Lock _subscriptionsLock = new();
    private readonly Dictionary<string, ChannelMessageQueue> _subscriptions = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    /// <remarks><c>PUBLISH {prefix}/{db}.{exchange}[/{routing_key}] {envelope}</c>: only live subscribers receive it.</remarks>
    protected override async ValueTask PutFanoutAsync(string exchange, Envelope envelope, string routingKey,
        CancellationToken cancellationToken) =>
        await RedisReplies.GuardAsync(_transport.Multiplexer.GetSubscriber()
            .PublishAsync(PubSubChannel.Literal(Keys.FanoutChannel(exchange, routingKey)), EnvelopeJson.Serialize(envelope)))
            .ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>
    /// Puts back messages prefetched for queues no longer consumed with acknowledgements, subscribes
    /// (<c>PSUBSCRIBE</c>) each consumed fanout queue and unsubscribes the ones no longer consumed.
    /// </remarks>
    protected override async ValueTask OnConsumersChangedAsync(CancellationToken cancellationToken)
    {
        await ReleaseUnwantedPrefetchAsync().ConfigureAwait(false);
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var queue in ActiveQueues)
        {
            if (_transport.FanoutQueues.TryGetValue(queue, out var binding))
                wanted[queue] = Keys.FanoutChannel(binding.Exchange, binding.RoutingKey);
        }
        List<ChannelMessageQueue> stale = [];
        List<(string Queue, string Pattern)> added = [];
        lock (_subscriptionsLock)
        {
            foreach (var (queue, subscription) in _subscriptions.ToArray())
            {
                if (!wanted.ContainsKey(queue))
                {
                    stale.Add(subscription);
                    _subscriptions.Remove(queue);
                }
            }
            foreach (var (queue, pattern) in wanted)
            {
                if (!_subscriptions.ContainsKey(queue))
                    added.Add((queue, pattern));
            }
        }
        foreach (var subscription in stale)
            await subscription.UnsubscribeAsync().ConfigureAwait(false);
        foreach (var (queue, pattern) in added)
        {
            var subscription = await _transport.Multiplexer.GetSubscriber()
                .SubscribeAsync(PubSubChannel.Pattern(pattern)).ConfigureAwait(false);
            subscription.OnMessage(message => OnFanoutMessage(queue, message));
            lock (_subscriptionsLock)
                _subscriptions[queue] = subscription;
        }
    }

    // Drops every subscription without waiting for Redis (a closing channel's multiplexer may be unreachable).
    private void UnsubscribeAll()
    {
        ChannelMessageQueue[] subscriptions;
        lock (_subscriptionsLock)
        {
            subscriptions = [.. _subscriptions.Values];
            _subscriptions.Clear();
        }
        foreach (var subscription in subscriptions)
            _ = subscription.UnsubscribeAsync(CommandFlags.FireAndForget);
    }

    private bool IsSubscribed(string queue)
    {
        lock (_subscriptionsLock)
            return _subscriptions.ContainsKey(queue);
    }

    private void OnFanoutMessage(string queue, ChannelMessage message)
    {
        if (!IsSubscribed(queue) || message.Message.IsNull)
            return;
        Enqueue(queue, (string)message.Message!);
        _transport.Wake();
    }
}
