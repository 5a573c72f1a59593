using System.Globalization;
using System.Net.Sockets;
using Kombu.Exceptions;
using Kombu.Transport.Virtual;
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
/// <item><b>Connection string</b>: <c>redis://[[user]:password@]host[:6379][/db]</c>; <c>rediss://</c> for TLS. The
/// database is the virtual host as an integer (<c>/</c> or empty is 0).</item>
/// <item><b>Transport options</b>: <c>visibility_timeout</c> (3600 s), <c>priority_steps</c> ([0,3,6,9]),
/// <c>fanout_prefix</c> (true → <c>/{db}.</c>; false or a string for Kombu 2.x/3.x peers), <c>fanout_patterns</c>
/// (true), <c>global_keyprefix</c> (""), <c>polling_interval</c> (BRPOP timeout, default 1 s),
/// <c>ack_emulation</c> (true), <c>unacked_key</c>, <c>unacked_index_key</c>, <c>unacked_mutex_key</c>,
/// <c>unacked_mutex_expire</c> (300 s), <c>unacked_restore_limit</c>, <c>unacked_restore_interval</c> (10 s),
/// <c>queue_order_strategy</c> (round_robin), and the virtual ones (<c>deadletter_queue</c>, <c>body_encoding</c>).</item>
/// </list>
/// <para><b>Consuming design.</b> Every command except the blocking pop goes through one StackExchange.Redis
/// multiplexer per connection (pipelined, thread-safe). When every consumed queue is empty, the drain loop issues
/// <c>BRPOP</c> over all consumed queues' priority keys (Kombu's key order) on a second, dedicated socket spoken to
/// by a small RESP client (<see cref="RespConnection"/>): a publish wakes the consumer at once, without polling. The
/// popped message is handed to the channel that consumes the queue and delivered on the same drain call. While
/// messages are waiting, a consumer with a prefetch window above one takes up to the window in one call (a Lua
/// script: <c>RPOP key count</c> on the first non-empty priority list, and the <c>unacked</c>/<c>unacked_index</c>
/// records of every popped message, in Kombu's format) and hands them out on the following drains; messages taken
/// but not delivered go back on their list, in
/// order and unmarked, when the consumer is cancelled or the channel closes. Without a window (or on Redis before
/// 7, or for no-ack consumers) each message is one pop (<c>LMPOP</c>, else <c>RPOP</c> per priority key). Fanout
/// messages arrive through the multiplexer's subscriber; one arriving while a BRPOP blocks ends it with
/// <c>CLIENT UNBLOCK</c>. An ack (<c>MULTI; ZREM; HDEL; EXEC</c>, as Kombu's) is sent without waiting for its
/// reply, as an AMQP <c>basic.ack</c> has none (<see cref="PipelinedAcks"/>): commands stay in order, a failure is
/// raised by the next ack, and closing the channel waits for every reply, so a consumer pays no round trip per
/// message. Throughput and latency: <c>tools/bench</c> and the README's benchmark table.</para>
/// <para>Differences from Kombu: the restore sweep runs when a drain first waits and then every
/// <c>unacked_restore_interval</c>; passive queue declarations check the prefixed keys; prefetched messages are
/// recorded as delivered when popped, not when handed to the callback (both within the prefetch window); an ack
/// returns before Redis has applied it (a process killed in that window gets the message redelivered by the
/// visibility sweep, as after any crash).</para>
/// </remarks>
public sealed partial class RedisTransport : VirtualTransport
{
    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "fanout", "headers" }, Priorities: true);

    private readonly Lock _connectLock = new();
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>Creates the transport for <paramref name="client"/>, reading its URL and transport options.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    /// <exception cref="ArgumentException">The virtual host is not a database number, or an option is malformed.</exception>
    public RedisTransport(Connection client) : base(client)
    {
        Options = RedisTransportOptions.Parse(client.TransportOptions);
        Database = ParseDatabase(client.VirtualHost);
        Keys = new RedisKeyspace(Options, Database);
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
    public override IReadOnlyList<Type> ConnectionErrors { get; } =
        [typeof(KombuConnectionException), typeof(RedisConnectionException), typeof(SocketException), typeof(IOException)];

    /// <inheritdoc/>
    public override IReadOnlyList<Type> ChannelErrors { get; } =
        [typeof(KombuChannelException), typeof(RedisServerException), typeof(RedisTimeoutException)];

    /// <inheritdoc/>
    public override async ValueTask<object> EstablishConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _multiplexer) is null)
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(BuildConfiguration()).ConfigureAwait(false);
            lock (_connectLock)
            {
                if (_multiplexer is null)
                    _multiplexer = multiplexer;
                else
                    multiplexer.Dispose();
            }
        }
        return this;
    }

    /// <inheritdoc/>
    public override async ValueTask CloseConnectionAsync(object connection, CancellationToken cancellationToken = default)
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
    public override bool VerifyConnection(object connection) => Volatile.Read(ref _multiplexer) is not { IsConnected: false };

    /// <inheritdoc/>
    protected override VirtualChannel CreateVirtualChannel() => new RedisChannel(this);

    /// <summary>The multiplexer of this connection, connecting on first use.</summary>
    internal ConnectionMultiplexer Multiplexer
    {
        get
        {
            if (Volatile.Read(ref _multiplexer) is { } existing)
                return existing;
            lock (_connectLock)
                return _multiplexer ??= ConnectionMultiplexer.Connect(BuildConfiguration());
        }
    }

    /// <summary>The database commands go to.</summary>
    internal IDatabase Db => Multiplexer.GetDatabase(Database);

    private string Host => string.IsNullOrEmpty(Client.Hostname) ? "localhost" : Client.Hostname;

    private int PortNumber => Client.Port ?? 6379;

    private bool UseTls => Client.Ssl || Client.TransportName is "rediss";

    private ConfigurationOptions BuildConfiguration()
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { Host, PortNumber } },
            Ssl = UseTls,
            User = string.IsNullOrEmpty(Client.UserId) ? null : Client.UserId,
            Password = string.IsNullOrEmpty(Client.Password) ? null : Client.Password,
            DefaultDatabase = Database,
            ClientName = "kombu.net",
            AbortOnConnectFail = true,
        };
        if (Client.ConnectTimeout > TimeSpan.Zero)
            options.ConnectTimeout = (int)Math.Min(Client.ConnectTimeout.TotalMilliseconds, int.MaxValue);
        return options;
    }

    private static int ParseDatabase(string? virtualHost)
    {
        var text = (virtualHost ?? "").TrimStart('/');
        if (text.Length == 0)
            return 0;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var db))
            throw new ArgumentException($"Redis database must be a number (the URL path), not '{virtualHost}'.", nameof(virtualHost));
        return db;
    }
}
