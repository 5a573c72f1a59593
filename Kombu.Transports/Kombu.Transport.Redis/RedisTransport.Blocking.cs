using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using Kombu.Exceptions;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

// Blocking waits. An idle consumer of one queue whose messages the channel takes with the recording pop (acknowledgements,
// ack emulation, Redis 7) blocks in BLMOVE from the queue's first priority list to itself: it returns when that list has
// a message and leaves the list as it was, so a reply lost with the link loses nothing; the recording pop then takes the
// message. Its other priority lists are polled at least every s_peekCap. Every other consumer blocks in BRPOP over all
// consumed keys, which wakes at once for any of them but removes the message it returns.
// A BRPOP that was sent stays outstanding until its reply is read, across drains: a drain that ends
// first leaves it for the next one, as Kombu's poller leaves `_in_poll`. A reply Redis sent is therefore never dropped
// by a client-side timeout. When the link stalls past the pop's own timeout plus socket_timeout (10 s by default) the
// drain raises a connection error, and the socket is given up without being closed: a background task keeps reading it
// and pushes back a message that still arrives (s_abandonedPopWait at most).
public partial class RedisTransport
{
    private static readonly TimeSpan s_stallSlack = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_replyMargin = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_abandonedPopWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_closePopWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_reconnectPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_peekCap = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _blockGate = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _lastDelivered = new(StringComparer.Ordinal);
    private RespConnection? _blocking;
    private Task<object?>? _pendingPop;
    private long _pendingSince;
    private TimeSpan _pendingTimeout;
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
    /// When the multiplexer has lost its connection, or shuts a link it found dead under this drain's command, waits for
    /// it to reconnect (<c>connect_timeout</c> at most, as redis-py reconnects on the next command) and drains then; raises
    /// a connection error when the server refuses the connection or is not back by then (rather than letting commands
    /// wait in its backlog). Turns the replies of a server that stopped being the master (<c>READONLY</c>,
    /// <c>NOREPLICAS</c>…) into connection errors, as redis-py's Sentinel connections do.
    /// </remarks>
    public override async ValueTask DrainEventsAsync(ITransportConnection connection, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var multiplexer = Volatile.Read(ref _multiplexer);
        if (multiplexer is { IsConnected: false })
            await AwaitReconnectAsync(multiplexer, cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                await base.DrainEventsAsync(connection, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (RedisConnectionException ex) when (ex.FailureType is ConnectionFailureType.ConnectionDisposed
                && multiplexer is not null && multiplexer == Volatile.Read(ref _multiplexer))
            {
                // The driver shut a link it found dead (after a stall) under this drain's command: once more on the new link.
                await AwaitReconnectAsync(multiplexer, cancellationToken).ConfigureAwait(false);
                var left = timeout - Stopwatch.GetElapsedTime(start);
                await base.DrainEventsAsync(connection, left < TimeSpan.Zero ? TimeSpan.Zero : left, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RedisServerException ex)
        {
            var translated = RedisReplies.Translate(ex);
            if (translated == ex)
                throw;
            throw translated;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Runs the visibility-timeout restore sweep when due, then blocks (dedicated socket) for at most
    /// <paramref name="maxWait"/>: in a non-destructive <c>BLMOVE</c> from a list to itself when one queue is consumed
    /// with the recording pop, else in <c>BRPOP</c> over every consumed queue's priority keys, whose popped message goes
    /// to the channel that consumes its queue. Fanout-only consumers wait for a Pub/Sub message instead.
    /// </remarks>
    protected override async ValueTask WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var wake = NextWakeAsync();
        await MaybeRestoreVisibleAsync(cancellationToken).ConfigureAwait(false);
        if (maxWait <= TimeSpan.Zero || AnyBuffered())
            return;
        var idle = false;
        if (await _blockGate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var peek = false;
                var keys = _pendingPop is null ? CollectKeys(out peek) : null;
                idle = keys is { Count: 0 };
                if (!idle && (keys is null || !AnyBuffered()))
                {
                    if (keys is not null)
                        await StartPopAsync(keys, peek, maxWait, cancellationToken).ConfigureAwait(false);
                    await AwaitPopAsync(maxWait, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    return;
                }
            }
            finally
            {
                _blockGate.Release();
            }
        }
        // Nothing to pop here (fanout only), or another drain holds the blocking socket: wait for a wake-up.
        await wake.WaitAsync(idle ? maxWait : TimeSpan.FromMilliseconds(Math.Min(maxWait.TotalMilliseconds, 20)),
            cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    // The multiplexer lost its link: as redis-py reconnects on the next command, wait (connect_timeout at most) for it to
    // reconnect, then for what this process held to be put back (the in-flight recoveries first, before a pop rewrites
    // the key they read). A server that refuses the connection, or stays silent until the deadline, is a connection error.
    private async ValueTask AwaitReconnectAsync(ConnectionMultiplexer multiplexer, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ConnectTimeout);
        try
        {
            if (multiplexer.IsConnected || await AnyEndpointAcceptsAsync(multiplexer, deadline.Token).ConfigureAwait(false))
            {
                while (!multiplexer.IsConnected)
                    await Task.Delay(s_reconnectPoll, deadline.Token).ConfigureAwait(false);
                if (Volatile.Read(ref _returningHeld) is { } returning)
                    await returning.WaitAsync(deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await ReturnHeldAsync().ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not back within connect_timeout.
        }
        cancellationToken.ThrowIfCancellationRequested();
        throw new KombuConnectionException(RedisMessages.Unreachable(StoreName));
    }

    // Whether a TCP connection to one of the multiplexer's servers opens: the server is there, the driver reconnects.
    private static async ValueTask<bool> AnyEndpointAcceptsAsync(ConnectionMultiplexer multiplexer, CancellationToken cancellationToken)
    {
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (SocketException)
            {
                // Refused or unreachable: try the next one.
            }
        }
        return false;
    }

    /// <summary>Wakes a drain waiting for messages: a fanout message arrived.</summary>
    internal void Wake()
    {
        Interlocked.Exchange(ref _wake, null)?.TrySetResult();
        var id = Interlocked.Read(ref _blockedClientId);
        if (id != 0)
            _ = UnblockAsync(id);
    }

    private RespSettings BlockingSettings => new(
        string.IsNullOrEmpty(Client.UserId) ? null : Client.UserId,
        string.IsNullOrEmpty(Client.Password) ? null : Client.Password,
        Database, ConnectTimeout, Options.ReplyTimeout(TimeSpan.FromSeconds(5)), Options.SocketKeepalive, Tls);

    // Sends BRPOP over the keys (or, to peek, BLMOVE from the first key to itself), timing out on the server after maxWait;
    // the reply is read by AwaitPopAsync.
    private async Task StartPopAsync(List<string> keys, bool peek, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var connection = await BlockingConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (peek && keys.Count > 1 && maxWait > s_peekCap)
            maxWait = s_peekCap;
        var timeout = Math.Max(maxWait.TotalSeconds, 0.001).ToString("0.###", CultureInfo.InvariantCulture);
        string[] args;
        if (peek)
        {
            args = ["BLMOVE", keys[0], keys[0], "RIGHT", "RIGHT", timeout];
        }
        else
        {
            args = new string[keys.Count + 2];
            args[0] = "BRPOP";
            keys.CopyTo(args, 1);
            args[^1] = timeout;
        }
        _pendingTimeout = maxWait;
        _pendingSince = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _blockedClientId, connection.ClientId);
        _pendingPop = connection.CallBlockingAsync(args);
    }

    // Waits for the outstanding pop's reply for about maxWait, then leaves it outstanding for the next drain.
    private async Task AwaitPopAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var pending = _pendingPop!;
        var clientId = Interlocked.Read(ref _blockedClientId);
        await using (cancellationToken.Register(() => _ = UnblockAsync(clientId)).ConfigureAwait(false))
        {
            await Task.WhenAny(pending, Task.Delay(maxWait + s_replyMargin, cancellationToken)).ConfigureAwait(false);
        }
        if (!pending.IsCompleted)
        {
            var waited = Stopwatch.GetElapsedTime(_pendingSince);
            var limit = _pendingTimeout + Options.ReplyTimeout(s_stallSlack);
            if (waited < limit)
                return;
            _ = AbandonBlockingAsync();
            throw new KombuConnectionException(RedisMessages.BlockingPopStalled(waited));
        }
        // Claim the reply: a connection closed meanwhile gave the pop to a reader that returns its message.
        if (Interlocked.CompareExchange(ref _pendingPop, null, pending) != pending)
            return;
        Interlocked.Exchange(ref _blockedClientId, 0);
        object? reply;
        try
        {
            reply = await pending.ConfigureAwait(false);
        }
        catch (KombuConnectionException)
        {
            // The server answered that it no longer serves pops here (failover): nothing was popped.
            await DropBlockingAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            await DropBlockingAsync().ConfigureAwait(false);
            throw new KombuConnectionException(RedisMessages.BlockingPopFailed, ex);
        }
        if (reply is object?[] { Length: 2 } pair && pair[0] is string key && pair[1] is string raw)
            await RouteAsync(key, raw).ConfigureAwait(false);
    }

    // The blocking socket, connected (to the current master) when missing, checked with PING when idle too long.
    private async Task<RespConnection> BlockingConnectionAsync(CancellationToken cancellationToken)
    {
        if (_blocking is { } existing)
        {
            if (Options.HealthCheckInterval <= TimeSpan.Zero || existing.Idle < Options.HealthCheckInterval)
                return existing;
            try
            {
                await existing.CallAsync("PING").ConfigureAwait(false);
                return existing;
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or KombuException)
            {
                // Nothing is outstanding on it: connect afresh.
                await DropBlockingAsync().ConfigureAwait(false);
            }
        }
        var (host, port) = PrimaryEndpoint();
        try
        {
            return _blocking = await RespConnection.ConnectAsync(host, port, BlockingSettings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new KombuConnectionException(RedisMessages.BlockingPopFailed, ex);
        }
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
        await PutBackAsync([new HeldMessage(HeldAction.PushRight, key, "", raw)]).ConfigureAwait(false);
    }

    // The keys to block on, in Kombu's order; peek when they are one queue's, taken with the recording pop.
    private List<string> CollectKeys(out bool peek)
    {
        var queues = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var recorded = true;
        foreach (var channel in Channels)
        {
            if (channel is not RedisChannel redis)
                continue;
            foreach (var queue in redis.ListQueues())
            {
                if (seen.Add(queue))
                    queues.Add(queue);
                recorded &= redis.TakesWithRecordingPop(queue);
            }
        }
        peek = recorded && queues.Count == 1;
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

    private Task NextWakeAsync()
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
        catch (Exception ex) when (ex is RedisException or RedisCommandException or ObjectDisposedException)
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
                await redis.RestoreVisibleAsync(0, Options.UnackedRestoreLimit, 1, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    // Closes the blocking socket; nothing is outstanding on it.
    private async ValueTask DropBlockingAsync()
    {
        var blocking = Interlocked.Exchange(ref _blocking, null);
        if (blocking is not null)
            await blocking.DisposeAsync().ConfigureAwait(false);
    }

    // Gives the blocking socket up; an outstanding pop is left to a background task that returns what it receives.
    private Task? AbandonBlockingAsync()
    {
        var connection = Interlocked.Exchange(ref _blocking, null);
        var pending = Interlocked.Exchange(ref _pendingPop, null);
        Interlocked.Exchange(ref _blockedClientId, 0);
        if (connection is null)
            return null;
        if (pending is null)
            return connection.DisposeAsync().AsTask();
        RedisLog.PopAbandoned(Logger);
        return ReturnAbandonedPopAsync(connection, pending);
    }

    private async Task ReturnAbandonedPopAsync(RespConnection connection, Task<object?> pending)
    {
        try
        {
            object? reply;
            try
            {
                reply = await pending.WaitAsync(s_abandonedPopWait).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or TimeoutException
                or KombuException)
            {
                // No reply: Redis did not pop, or the link died with the reply in it.
                return;
            }
            if (reply is not object?[] { Length: 2 } pair || pair[0] is not string key || pair[1] is not string raw)
                return;
            try
            {
                // RPUSH: back where BRPOP took it, consumed next.
                await connection.CallAsync("RPUSH", key, raw).ConfigureAwait(false);
                RedisLog.PopReturned(Logger, key);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or KombuException)
            {
                Held.Keep([new HeldMessage(HeldAction.PushRight, key, "", raw)]);
                RedisLog.Kept(Logger, 1, StoreName);
            }
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    // At connection close: an outstanding pop is unblocked and its reply, if it carries a message, pushed back.
    private async ValueTask CloseBlockingAsync()
    {
        var clientId = Interlocked.Read(ref _blockedClientId);
        var hasPending = _pendingPop is not null;
        if (hasPending && IsReachable)
        {
            try
            {
                await Db.ExecuteAsync("CLIENT", "UNBLOCK", clientId).WaitAsync(s_closePopWait).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or RedisCommandException or TimeoutException or ObjectDisposedException)
            {
                // The pop ends at its own timeout; its reply is still read below or in the background.
            }
        }
        if (AbandonBlockingAsync() is { } closing && hasPending)
            await closing.WaitAsync(s_closePopWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
