using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Kombu.Exceptions;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

public sealed partial class RedisTransport
{
    private static readonly TimeSpan s_readSlack = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _blockGate = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _lastDelivered = new(StringComparer.Ordinal);
    private RespConnection? _blocking;
    private TaskCompletionSource? _wake;
    private long _blockedClientId;
    private long _lastSweep;
    private long _deliveries;
    private bool? _supportsLmpop;

    /// <summary>Queues bound to fanout exchanges: queue → (exchange, binding key with <c>#</c> as <c>*</c>).</summary>
    internal ConcurrentDictionary<string, (string Exchange, string RoutingKey)> FanoutQueues { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the server has <c>LMPOP</c> (Redis 7+).</summary>
    internal bool SupportsLmpop => _supportsLmpop ??= Multiplexer.GetServers().All(s => s.Version >= new Version(7, 0));

    /// <inheritdoc/>
    /// <remarks>
    /// Runs the visibility-timeout restore sweep when due, then blocks in <c>BRPOP</c> over every consumed queue's
    /// priority keys (dedicated socket) for at most <paramref name="maxWait"/>; a popped message goes to the channel that
    /// consumes its queue. Fanout-only consumers wait for a Pub/Sub message instead.
    /// </remarks>
    protected override async ValueTask WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var wake = NextWake();
        await MaybeRestoreVisibleAsync(cancellationToken).ConfigureAwait(false);
        if (maxWait <= TimeSpan.Zero || AnyBuffered())
            return;
        var keys = CollectKeys();
        if (keys.Count == 0 || !await _blockGate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            await wake.WaitAsync(keys.Count == 0 ? maxWait : TimeSpan.FromMilliseconds(Math.Min(maxWait.TotalMilliseconds, 20)),
                cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }
        try
        {
            await BlockingPopAsync(keys, maxWait, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _blockGate.Release();
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Wakes a drain waiting for messages: a fanout message arrived.</summary>
    internal void Wake()
    {
        Interlocked.Exchange(ref _wake, null)?.TrySetResult();
        var id = Interlocked.Read(ref _blockedClientId);
        if (id != 0)
            _ = UnblockAsync(id);
    }

    private async Task BlockingPopAsync(List<string> keys, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var connection = _blocking ??= await RespConnection.ConnectAsync(Host, PortNumber, UseTls,
            string.IsNullOrEmpty(Client.UserId) ? null : Client.UserId, string.IsNullOrEmpty(Client.Password) ? null : Client.Password,
            Database, Client.ConnectTimeout > TimeSpan.Zero ? Client.ConnectTimeout : TimeSpan.FromSeconds(5), cancellationToken)
            .ConfigureAwait(false);
        var args = new string[keys.Count + 2];
        args[0] = "BRPOP";
        keys.CopyTo(args, 1);
        args[^1] = Math.Max(maxWait.TotalSeconds, 0.001).ToString("0.###", CultureInfo.InvariantCulture);
        Interlocked.Exchange(ref _blockedClientId, connection.ClientId);
        object? reply;
        try
        {
            if (AnyBuffered())
                return;
            await using var registration = cancellationToken.Register(() => _ = UnblockAsync(connection.ClientId)).ConfigureAwait(false);
            using var safety = new CancellationTokenSource(maxWait + s_readSlack);
            reply = await connection.CallAsync(safety.Token, args).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not KombuChannelException)
        {
            _blocking = null;
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new KombuConnectionException("The blocking BRPOP connection to Redis failed.", ex);
        }
        finally
        {
            Interlocked.Exchange(ref _blockedClientId, 0);
        }
        if (reply is object?[] { Length: 2 } pair && pair[0] is string key && pair[1] is string raw)
            await RouteAsync(key, raw).ConfigureAwait(false);
    }

    private async Task RouteAsync(string key, string raw)
    {
        var queue = Keys.QueueFromKey(key);
        _lastDelivered[queue] = Interlocked.Increment(ref _deliveries);
        foreach (var channel in Channels)
        {
            if (channel is RedisChannel redis && redis.ListQueues().Contains(queue))
            {
                redis.Enqueue(queue, raw);
                return;
            }
        }
        // The consumer went away while we blocked: put the message back where the next pop takes it.
        await Db.ListRightPushAsync(key, raw).ConfigureAwait(false);
    }

    private List<string> CollectKeys()
    {
        var queues = new List<string>();
        foreach (var channel in Channels)
        {
            if (channel is not RedisChannel redis)
                continue;
            foreach (var queue in redis.ListQueues())
            {
                if (!queues.Contains(queue))
                    queues.Add(queue);
            }
        }
        switch (Options.QueueOrderStrategy)
        {
            case "sorted":
                queues.Sort(StringComparer.Ordinal);
                break;
            case "priority":
                break;
            default:
                queues = [.. queues.OrderBy(q => _lastDelivered.GetValueOrDefault(q))];
                break;
        }
        var keys = new List<string>(queues.Count * Options.PrioritySteps.Count);
        foreach (var step in Options.PrioritySteps)
        {
            foreach (var queue in queues)
                keys.Add(Keys.QueueKey(queue, step));
        }
        return keys;
    }

    private bool AnyBuffered()
    {
        foreach (var channel in Channels)
        {
            if (channel is RedisChannel { IsOpen: true } redis && redis.HasBuffered())
                return true;
        }
        return false;
    }

    private Task NextWake()
    {
        var current = Volatile.Read(ref _wake);
        if (current is not null)
            return current.Task;
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (Interlocked.CompareExchange(ref _wake, created, null) ?? created).Task;
    }

    private async Task UnblockAsync(long clientId)
    {
        try
        {
            // A BRPOP still in flight is not blocked yet: retry briefly while it is outstanding.
            for (var attempt = 0; attempt < 20 && Interlocked.Read(ref _blockedClientId) == clientId; attempt++)
            {
                var result = await Db.ExecuteAsync("CLIENT", "UNBLOCK", clientId).ConfigureAwait(false);
                if ((long)result > 0)
                    return;
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // The blocking pop ends at its own timeout.
        }
    }

    private async ValueTask MaybeRestoreVisibleAsync(CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (last != 0 && Stopwatch.GetElapsedTime(last) < Options.UnackedRestoreInterval)
            return;
        foreach (var channel in Channels)
        {
            if (channel is RedisChannel { IsOpen: true } redis && redis.ActiveQueues.Count > 0)
            {
                Interlocked.Exchange(ref _lastSweep, Stopwatch.GetTimestamp());
                await redis.RestoreVisibleAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    private async ValueTask CloseBlockingAsync()
    {
        var blocking = Interlocked.Exchange(ref _blocking, null);
        if (blocking is not null)
            await blocking.DisposeAsync().ConfigureAwait(false);
    }
}
