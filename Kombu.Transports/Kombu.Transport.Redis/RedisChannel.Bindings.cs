using Kombu.Transport.Virtual;

namespace Kombu.Transport.Redis;

public sealed partial class RedisChannel
{
    /// <inheritdoc/>
    /// <remarks>
    /// <c>SADD _kombu.binding.{exchange} "{routing_key}\x06\x16{pattern}\x06\x16{queue}"</c>; a queue bound to a
    /// fanout exchange is also remembered for <c>PSUBSCRIBE</c> with <c>#</c> turned into <c>*</c>.
    /// </remarks>
    protected override async ValueTask PersistBindingAsync(string exchange, BindingEntry entry, CancellationToken cancellationToken)
    {
        if (TypeOf(exchange) is FanoutExchange)
            _transport.FanoutQueues[entry.Queue] = (exchange, entry.RoutingKey.Replace('#', '*'));
        await RedisReplies.GuardAsync(Db.SetAddAsync(Keys.BindingKey(exchange), Keys.BindingMember(entry.RoutingKey, entry.Pattern, entry.Queue)))
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async ValueTask RemoveBindingAsync(string exchange, BindingEntry entry, CancellationToken cancellationToken) =>
        await RedisReplies.GuardAsync(Db.SetRemoveAsync(Keys.BindingKey(exchange), Keys.BindingMember(entry.RoutingKey, entry.Pattern, entry.Queue)))
            .ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>
    /// <c>SMEMBERS _kombu.binding.{exchange}</c> on every call, so bindings made by other processes route too. Headers
    /// exchanges (not in Kombu's Redis transport) route with the bindings declared in this process, whose arguments Redis does not keep.
    /// </remarks>
    protected override async ValueTask<IReadOnlyList<BindingEntry>> GetTableAsync(string exchange, CancellationToken cancellationToken)
    {
        if (TypeOf(exchange) is HeadersExchange)
            return await base.GetTableAsync(exchange, cancellationToken).ConfigureAwait(false);
        var members = await RedisReplies.GuardAsync(Db.SetMembersAsync(Keys.BindingKey(exchange))).ConfigureAwait(false);
        var table = new List<BindingEntry>(members.Length);
        foreach (var member in members)
        {
            var parts = ((string)member!).Split(Keys.Sep);
            if (parts.Length < 3)
                continue;
            var queue = string.Join(Keys.Sep, parts[2..]);
            table.Add(new BindingEntry(parts[0], parts[1].Length == 0 ? null : parts[1], queue));
        }
        return table;
    }
}
