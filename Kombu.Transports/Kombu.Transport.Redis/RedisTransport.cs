using System.Globalization;
using System.Net.Sockets;
using Kombu.Exceptions;
using Kombu.Transport.Virtual;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Kombu.Transport.Redis;

/// <summary>The Redis transport: Kombu's virtual AMQP emulation over Redis lists, sets and Pub/Sub, on the wire Kombu 5 uses.</summary>
/// <remarks>
/// <para>Kombu's <c>kombu.transport.redis.Transport</c>.</para>
/// <list type="bullet">
/// <item><b>Type</b>: virtual (exchanges are emulated in the process; queues are Redis lists).</item>
/// <item><b>Supported exchange types</b>: direct, topic, fanout (Pub/Sub, only live subscribers receive), headers
/// (routed in the publishing process). Priorities: yes, in Kombu's Redis order (lower number first, steps 0/3/6/9).
/// Message TTL: no.</item>
/// <item><b>Connection string</b>: <c>redis://[[user]:password@]host[:6379][/db][?option=value…]</c>;
/// <c>rediss://</c> for TLS; <c>sentinel://host:26379;sentinel://host2:26379</c> through Redis Sentinel
/// (<see cref="SentinelTransport"/>). The database is the virtual host as an integer (<c>/</c> or empty is 0). Every
/// transport option below may also be given in the query string (not in Kombu, which refuses such keys); an option
/// given in the transport options wins.</item>
/// <item><b>Transport options</b>: <c>visibility_timeout</c> (3600 s), <c>priority_steps</c> ([0,3,6,9]),
/// <c>sep</c> (<c>\x06\x16</c>), <c>fanout_prefix</c> (true → <c>/{db}.</c>; false or a string for Kombu 2.x/3.x
/// peers), <c>fanout_patterns</c> (true), <c>global_keyprefix</c> (""), <c>polling_interval</c> (BRPOP timeout,
/// default 1 s), <c>ack_emulation</c> (true), <c>unacked_key</c>, <c>unacked_index_key</c>, <c>unacked_mutex_key</c>,
/// <c>unacked_mutex_expire</c> (300 s), <c>unacked_restore_limit</c>, <c>unacked_restore_interval</c> (10 s),
/// <c>queue_order_strategy</c> (round_robin), the socket options <c>socket_timeout</c> (command reply timeout; the
/// driver's 5 s when unset), <c>socket_connect_timeout</c> (the connection's <c>connect_timeout</c> when unset),
/// <c>socket_keepalive</c> (false), <c>health_check_interval</c> (25 s: an idle socket is pinged),
/// <c>retry_on_timeout</c> (false: true waits one more <c>socket_timeout</c> before raising, without sending the
/// command twice), <c>max_connections</c> (10; read only — a connection opens three sockets at most), the Sentinel
/// ones (<c>master_name</c>, <c>sentinel_kwargs</c>, <c>min_other_sentinels</c>), and the virtual ones
/// (<c>deadletter_queue</c>, <c>body_encoding</c>).</item>
/// <item><b>TLS</b> (<c>rediss://</c> or <c>ssl</c>): Kombu's <c>ssl_cert_reqs</c>, <c>ssl_ca_certs</c>,
/// <c>ssl_certfile</c>, <c>ssl_keyfile</c>, <c>ssl_check_hostname</c> (URL query or <c>sslOptions</c>) apply to
/// every socket, the blocking-pop one included (see <see cref="RedisTls"/>). Without them the server certificate is
/// verified (Kombu 5.2 turns verification off, with a warning): pass <c>ssl_cert_reqs=CERT_NONE</c> for that.</item>
/// <item><b>Keys of its own</b>: <c>{queue}.undeliverable</c> (with <c>global_keyprefix</c>) keeps the entries of a
/// queue that are not message envelopes (garbage, a bad base64 body…), newest first; nothing else reads it.</item>
/// </list>
/// <para><b>Consuming design.</b> Every command except the blocking pop goes through one StackExchange.Redis
/// multiplexer per connection (pipelined, thread-safe). When every consumed queue is empty, the drain loop issues
/// <c>BRPOP</c> over all consumed queues' priority keys (Kombu's key order) on a second, dedicated socket spoken to
/// by a small RESP client (<see cref="RespConnection"/>): a publish wakes the consumer at once, without polling. The
/// popped message is handed to the channel that consumes the queue and delivered on the same drain call. A consumer of
/// one queue with acknowledgements (Redis 7) waits instead in <c>BLMOVE</c> from the queue's first priority list to
/// itself, which leaves the message on the list for the recording pop below, so a reply lost with the link loses nothing
/// (its other priority lists are polled every second). While
/// messages are waiting, a consumer with acknowledgements takes up to its prefetch window (one message without one) in
/// one call (a Lua script: <c>RPOP</c> on the first non-empty priority list, and the <c>unacked</c>/<c>unacked_index</c>
/// records of every popped message, in Kombu's format, and the tags it recorded in the channel's in-flight key, so a
/// call whose reply is lost is put back) and hands them out on the following drains. On Redis before 7, and for no-ack
/// consumers, each message is one pop (<c>LMPOP</c>, else <c>RPOP</c> per priority key).
/// Fanout messages arrive through the multiplexer's subscriber; one arriving while a BRPOP blocks ends it with <c>CLIENT UNBLOCK</c>. An ack (<c>MULTI; ZREM; HDEL; EXEC</c>, as Kombu's) is sent without waiting for
/// its reply, as an AMQP <c>basic.ack</c> has none (<see cref="PipelinedAcks"/>): commands stay in order, a failure is
/// raised by the next ack, so a consumer pays no round trip per message. Throughput and latency: <c>tools/bench</c>
/// and the README's benchmark table.</para>
/// <para><b>Faults.</b> Closing a channel (or cancelling a consumer) puts back what it holds: messages taken but not
/// delivered go back on their lists in order and unmarked, delivered and unacknowledged ones are restored marked
/// redelivered (Kombu's <c>restore_unacked_once</c>), acks without a reply are sent again. When Redis is unreachable
/// nothing waits in the driver's backlog: that work is kept in the process (<see cref="HeldMessages"/>) and done by the
/// next connection to the same Redis — a prefetch window is not stranded in <c>unacked</c> for the visibility timeout.
/// A BRPOP that was sent stays outstanding across drains until its reply is read, so a reply Redis already sent is
/// never dropped by a client timeout; after the pop's timeout plus <c>socket_timeout</c> (10 s by default) of silence
/// the drain raises a connection error and the socket is given up to a reader that pushes back a message that still
/// arrives. Losing the connection raises <see cref="ConnectionErrors"/> (timeouts included, as Kombu), and so do the
/// replies of a server that stopped being a writable master (<c>READONLY</c>, <c>NOREPLICAS</c>, <c>UNBLOCKED</c>…),
/// so <c>Ensure</c> and <c>ConsumerMixin</c> reconnect. An entry that is not an envelope is moved to
/// <c>{queue}.undeliverable</c> and handed to the consumer's decode-error handler; consuming goes on.</para>
/// <para>Differences from Kombu: the restore sweep runs when a drain first waits and then every
/// <c>unacked_restore_interval</c>; passive queue declarations check the prefixed keys; prefetched messages are
/// recorded as delivered when popped, not when handed to the callback (both within the prefetch window); an ack
/// returns before Redis has applied it (a process killed in that window gets the message redelivered by the
/// visibility sweep, as after any crash); messages put back by a later connection go to the queue they were taken
/// from (Kombu re-routes through the exchange), and only while their <c>unacked</c> record is still there; undecodable
/// entries are kept aside rather than stopping the consumer; options in the URL query string; TLS verified by
/// default.</para>
/// </remarks>
[UrlTransportOptions("ack_emulation", "unacked_key", "unacked_index_key", "unacked_mutex_key", "unacked_mutex_expire",
    "unacked_restore_limit", "unacked_restore_interval", "visibility_timeout", "priority_steps", "fanout_prefix",
    "fanout_patterns", "global_keyprefix", "queue_order_strategy", "polling_interval", "sep", "socket_timeout",
    "socket_connect_timeout", "socket_keepalive", "max_connections", "health_check_interval", "retry_on_timeout",
    "master_name", "sentinel_kwargs", "min_other_sentinels", "deadletter_queue", "body_encoding")]
public partial class RedisTransport : VirtualTransport
{
    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "fanout", "headers" }, Priorities: true);

    // How long putting held messages back may take before Redis counts as unreachable (unless socket_timeout is set).
    private static readonly TimeSpan s_putBackWait = TimeSpan.FromSeconds(2);

    private readonly Lock _connectLock = new();
    private ConnectionMultiplexer? _multiplexer;
    private Task? _returningHeld;

    /// <summary>Creates the transport for <paramref name="client"/>, reading its URL and transport options.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    /// <exception cref="ArgumentException">The virtual host is not a database number, or an option is malformed.</exception>
    public RedisTransport(Connection client) : base(client)
    {
        Options = RedisTransportOptions.Parse(client.TransportOptions);
        Database = ParseDatabase(client.VirtualHost);
        Keys = new RedisKeyspace(Options, Database);
        Tls = UseTls ? RedisTls.Read(client.SslOptions) : null;
    }

    /// <summary>The Redis transport options in force.</summary>
    public RedisTransportOptions Options { get; }

    /// <summary>The Redis database number (from the virtual host).</summary>
    public int Database { get; }

    internal RedisKeyspace Keys { get; }

    /// <inheritdoc/>
    public override int? DefaultPort => 6379;

    /// <inheritdoc/>
    public override string DriverType => "redis";

    /// <inheritdoc/>
    public override string DriverName => "StackExchange.Redis";

    /// <inheritdoc/>
    public override string DriverVersion => typeof(ConnectionMultiplexer).Assembly.GetName().Version?.ToString() ?? "N/A";

    /// <inheritdoc/>
    public override TransportCapabilities Implements => s_capabilities;

    /// <inheritdoc/>
    /// <remarks>As Kombu's, a timeout is a connection error: it is what an unreachable or stalled server gives.</remarks>
    public override IReadOnlyList<Type> ConnectionErrors { get; } =
        [typeof(KombuConnectionException), typeof(RedisConnectionException), typeof(RedisTimeoutException),
            typeof(SocketException), typeof(IOException)];

    /// <inheritdoc/>
    public override IReadOnlyList<Type> ChannelErrors { get; } =
        [typeof(KombuChannelException), typeof(RedisServerException)];

    /// <inheritdoc/>
    /// <remarks>
    /// Every connection error of this transport is worth a reconnect: a server that refuses writes after a Sentinel
    /// failover (<c>READONLY</c>, <c>NOREPLICAS</c>) answers again once the new master is found. Kombu 5's Redis transport
    /// does not classify its errors, so its <c>ensure</c> gives up when an error outlives one reconnect; ours keeps
    /// retrying within the retry policy.
    /// </remarks>
    public override IReadOnlyList<Type> RecoverableConnectionErrors => ConnectionErrors;

    /// <inheritdoc/>
    protected internal override bool ClassifiesRecoverableErrors => true;

    /// <inheritdoc/>
    /// <remarks>Then puts back what channels of this process held when Redis became unreachable (see <see cref="HeldMessages"/>).</remarks>
    public override async ValueTask<ITransportConnection> EstablishConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _multiplexer) is null)
        {
            ConnectionMultiplexer? multiplexer;
            try
            {
                multiplexer = await ConnectionMultiplexer.ConnectAsync(BuildConfiguration()).ConfigureAwait(false);
            }
            catch (RedisConnectionException ex)
            {
                // The driver's own text advises abortConnect=false, a setting of its connection strings, not of ours.
                throw new KombuConnectionException(RedisMessages.ConnectFailed(StoreName, ConnectTimeout, ex), ex);
            }
            lock (_connectLock)
            {
                if (_multiplexer is null)
                {
                    _multiplexer = multiplexer;
                    multiplexer = null;
                }
            }
            if (multiplexer is null)
                Volatile.Read(ref _multiplexer)!.ConnectionRestored += (_, _) => Volatile.Write(ref _returningHeld, ReturnHeldAsync());
            else
                await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
        await ReturnHeldAsync().ConfigureAwait(false);
        return this;
    }

    /// <inheritdoc/>
    public override async ValueTask CloseConnectionAsync(ITransportConnection connection, CancellationToken cancellationToken = default)
    {
        await base.CloseConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
        await CloseBlockingAsync().ConfigureAwait(false);
        ConnectionMultiplexer? multiplexer;
        lock (_connectLock)
        {
            multiplexer = _multiplexer;
            _multiplexer = null;
        }
        if (multiplexer is not null)
            await multiplexer.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override bool VerifyConnection(ITransportConnection connection) => Volatile.Read(ref _multiplexer) is not { IsConnected: false };

    /// <inheritdoc/>
    protected override VirtualChannel CreateVirtualChannel() => new RedisChannel(this);

    /// <summary>The multiplexer of this connection, made by <see cref="EstablishConnectionAsync"/>.</summary>
    /// <exception cref="KombuConnectionException">The connection is not established (or was closed).</exception>
    internal ConnectionMultiplexer Multiplexer =>
        Volatile.Read(ref _multiplexer) ?? throw new KombuConnectionException(RedisMessages.NotConnected);

    /// <summary>The database commands go to.</summary>
    internal IDatabase Db => Multiplexer.GetDatabase(Database);

    /// <summary>Whether the multiplexer has a live connection, so a command is answered rather than queued.</summary>
    internal bool IsReachable => Volatile.Read(ref _multiplexer) is { IsConnected: true };

    /// <summary>Where the transport and its channels log.</summary>
    internal ILogger Log => Logger;

    /// <summary>The TLS settings, or <see langword="null"/> without TLS.</summary>
    internal RedisTls? Tls { get; }

    /// <summary>The host name of the URL (<c>localhost</c> when empty).</summary>
    private protected string Host => string.IsNullOrEmpty(Client.Hostname) ? "localhost" : Client.Hostname;

    /// <summary>The port of the URL, or the transport's default.</summary>
    private protected int PortNumber => Client.Port ?? DefaultPort ?? 6379;

    /// <summary>Names the Redis server (or Sentinel service) this transport talks to, for the messages it holds.</summary>
    private protected virtual string StoreName => $"{Host}:{PortNumber}";

    /// <summary>How long connecting may take: <c>socket_connect_timeout</c>, else the connection's <c>connect_timeout</c>.</summary>
    private protected TimeSpan ConnectTimeout =>
        Options.SocketConnectTimeout ?? (Client.ConnectTimeout > TimeSpan.Zero ? Client.ConnectTimeout : TimeSpan.FromSeconds(5));

    /// <summary>The messages held by channels of this process for this store.</summary>
    internal HeldMessages Held => HeldMessages.For(string.Join('\n', StoreName, Database, Keys.Unacked, Keys.UnackedIndex));

    private bool UseTls => Client.Ssl || Client.TransportName is "rediss";

    /// <summary>Sets where the multiplexer connects (the URL's server by default).</summary>
    /// <param name="options">The configuration being built.</param>
    private protected virtual void ConfigureEndpoints(ConfigurationOptions options) => options.EndPoints.Add(Host, PortNumber);

    /// <summary>The server the blocking pops go to: the URL's server, or the master a sentinel names.</summary>
    /// <returns>Host and port.</returns>
    private protected virtual (string Host, int Port) PrimaryEndpoint() => (Host, PortNumber);

    /// <summary>Puts held messages back now, or keeps them for the next connection when Redis is unreachable.</summary>
    /// <param name="messages">The messages, in order.</param>
    /// <returns>A task that completes when they are put back or kept.</returns>
    internal async ValueTask PutBackAsync(IReadOnlyList<HeldMessage> messages)
    {
        if (messages.Count == 0)
            return;
        var held = Held;
        if (!IsReachable)
        {
            // Fail fast: a command would wait in the multiplexer's backlog for its whole timeout.
            held.Keep(messages);
            RedisLog.Kept(Logger, messages.Count, StoreName);
            return;
        }
        try
        {
            var (_, kept) = await held.PutBackAsync(Db, Keys, messages, Options.ReplyTimeout(s_putBackWait)).ConfigureAwait(false);
            if (kept > 0)
                RedisLog.Kept(Logger, kept, StoreName);
        }
        catch (RedisServerException ex)
        {
            RedisLog.PutBackRefused(Logger, ex, messages.Count);
        }
    }

    // Puts back what channels of this process kept for this store while it was unreachable.
    private async Task ReturnHeldAsync()
    {
        var held = Held;
        if (held.Count == 0 || !IsReachable)
            return;
        var messages = held.TakeAll();
        if (messages.Count == 0)
            return;
        try
        {
            var (pushed, kept) = await held.PutBackAsync(Db, Keys, messages, Options.ReplyTimeout(s_putBackWait)).ConfigureAwait(false);
            if (kept < messages.Count)
                RedisLog.Returned(Logger, messages.Count - kept, pushed);
        }
        catch (RedisServerException ex)
        {
            RedisLog.PutBackRefused(Logger, ex, messages.Count);
        }
        catch (ObjectDisposedException)
        {
            // The connection closed meanwhile: the next one puts them back.
            held.Keep(messages);
        }
    }

    private ConfigurationOptions BuildConfiguration()
    {
        var options = new ConfigurationOptions
        {
            Ssl = UseTls,
            User = string.IsNullOrEmpty(Client.UserId) ? null : Client.UserId,
            Password = string.IsNullOrEmpty(Client.Password) ? null : Client.Password,
            DefaultDatabase = Database,
            ClientName = "kombu.net",
            // CLIENT UNBLOCK (waking a blocking pop) is an admin command for the driver.
            AllowAdmin = true,
            AbortOnConnectFail = true,
            ConnectTimeout = Milliseconds(ConnectTimeout),
            TcpKeepAlive = Options.SocketKeepalive,
        };
        ConfigureEndpoints(options);
        if (Options.SocketTimeout is not null || Options.RetryOnTimeout)
            options.SyncTimeout = options.AsyncTimeout = Milliseconds(Options.ReplyTimeout(TimeSpan.FromMilliseconds(options.SyncTimeout)));
        if (Options.HealthCheckInterval > TimeSpan.Zero)
            options.KeepAlive = Math.Max(1, (int)Math.Ceiling(Options.HealthCheckInterval.TotalSeconds));
        if (Tls is { } tls)
            options.SslClientAuthenticationOptions = tls.ForHost;
        return options;
    }

    private static int Milliseconds(TimeSpan span) => (int)Math.Clamp(span.TotalMilliseconds, 1, int.MaxValue);

    private static int ParseDatabase(string? virtualHost)
    {
        var text = (virtualHost ?? "").TrimStart('/');
        if (text.Length == 0)
            return 0;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var db))
            throw new ArgumentException(RedisMessages.InvalidDatabase(virtualHost), nameof(virtualHost));
        return db;
    }
}
