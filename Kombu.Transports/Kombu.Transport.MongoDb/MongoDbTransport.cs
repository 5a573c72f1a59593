// Kombu for .NET — MongoDB transport (Kombu 5 kombu.transport.mongodb), on MongoDB.Driver
//
// Type:                virtual (exchanges emulated in .NET; bindings also persisted in the database so that other
//                      processes, Python Kombu included, route with them)
// Exchange types:      direct, topic, fanout (capped broadcast collection read with tailable cursors), headers
//                      (in-process only; Kombu's MongoDB transport has none). Priorities: yes, 0-9, higher served
//                      first (stored as 9 - priority, lowest stored value first). Message TTL: with option ttl.
// Connection string:   mongodb://[user:password@]host[:port][,host2[:port2]...][/database][?options]  and
//                      mongodb+srv://...; the whole URL goes to the driver (replicaSet, authSource, tls... as the
//                      driver reads them). Database = URL path, else the virtual host, else kombu_default.
// Transport options:   ttl (false), capped_queue_size (100000 bytes), calc_queue_size (true), connect_timeout (s),
//                      ssl (false), default_hostname (127.0.0.1), default_port (27017), default_database
//                      (kombu_default), messages_collection (messages), routing_collection (messages.routing),
//                      broadcast_collection (messages.broadcast), queues_collection (messages.queues),
//                      polling_interval (1 s), deadletter_queue, body_encoding.
// Wire (§7):           messages {payload: envelope JSON string, queue, priority: 9 - clamp(priority, 0, 9),
//                      [expire_at]}; messages.broadcast {payload, queue: EXCHANGE name}; messages.routing {exchange,
//                      queue, routing_key, pattern, [expire_at]} upserted; messages.queues {_id: queue, options:
//                      the queue_declare arguments, expire_at} upserted on declare and read for x-message-ttl /
//                      x-expires (ttl only; the CongoDB emulator rejects its string _id). Indexes as Kombu creates them.
// Acknowledgement:     a get removes the document (find_one_and_delete, lowest stored priority then oldest first), so
//                      ack is local; requeue and unacked-at-close insert a new copy marked redelivered, as Kombu does.
// Differences:         a fanout queue's cursor belongs to the connection (Kombu: to the channel) and is positioned by
//                      the number of that exchange's broadcast documents (Kombu counts every exchange's); when the
//                      server ends a tailable cursor it is reopened at the same position. Unbinding deletes the
//                      routing document (Kombu keeps it). A passive queue_declare fails for a queue this connection
//                      did not declare and that has no messages or bindings in the database (Kombu: never fails).
//                      A publish to an exchange this process never declared routes (as direct) with the routing
//                      collection (Kombu drops it).
// Not supported yet:   Kombu's server version check. A cursor reopened after the
//                      capped collection dropped old broadcasts can skip as many new ones (its position is a count).
using Kombu.Exceptions;
using Kombu.Transport.Virtual;
using MongoDB.Driver;

namespace Kombu.Transport.MongoDb;

/// <summary>The MongoDB transport: Kombu's virtual AMQP emulation over MongoDB collections, on the layout Kombu 5 uses.</summary>
/// <remarks>Kombu's <c>kombu.transport.mongodb.Transport</c> (aliases <c>mongodb</c> and <c>mongodb+srv</c>).</remarks>
[ParsesOwnUrl]
public sealed class MongoDbTransport : VirtualTransport
{
    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "fanout", "headers" }, Priorities: true);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _fanoutQueues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MongoDbBroadcastCursor> _cursors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private MongoClient? _client;
    private readonly string _url;
    private Task<MongoDbCollections>? _collections;

    /// <summary>Creates the transport for <paramref name="client"/>, reading its URL and transport options.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    /// <exception cref="ArgumentException">A transport option or the URL is malformed.</exception>
    public MongoDbTransport(Connection client) : base(client)
    {
        Options = MongoDbTransportOptions.Parse(client.TransportOptions);
        var url = _url = MongoDbUri.Build(client, Options);
        try
        {
            Url = new MongoUrl(url);
        }
        catch (Exception ex) when (ex is MongoConfigurationException or FormatException or ArgumentException)
        {
            var sanitized = Kombu.Utils.Urls.MaybeSanitize(url);
            throw new ArgumentException(MongoDbErrors.BadUrl(sanitized, ex.Message.Replace(url, sanitized, StringComparison.Ordinal)),
                nameof(client));
        }
        DatabaseName = MongoDbUri.Database(Url, client.VirtualHost, Options);
    }

    /// <summary>The MongoDB transport options in force.</summary>
    public MongoDbTransportOptions Options { get; }

    /// <summary>The URL given to the driver.</summary>
    public MongoUrl Url { get; }

    /// <summary>The database holding the collections.</summary>
    public string DatabaseName { get; }

    /// <inheritdoc/>
    public override int? DefaultPort => Options.DefaultPort;

    /// <inheritdoc/>
    public override string? DefaultHostname => Options.DefaultHostname;

    /// <inheritdoc/>
    public override string DriverType => "mongodb";

    /// <inheritdoc/>
    public override string DriverName => "MongoDB.Driver";

    /// <inheritdoc/>
    public override string DriverVersion => typeof(MongoClient).Assembly.GetName().Version?.ToString() ?? "N/A";

    /// <inheritdoc/>
    public override TransportCapabilities Implements => s_capabilities;

    /// <inheritdoc/>
    public override IReadOnlyList<Type> ConnectionErrors { get; } =
        [typeof(KombuConnectionException), typeof(MongoConnectionException), typeof(TimeoutException), typeof(IOException)];

    /// <inheritdoc/>
    public override IReadOnlyList<Type> ChannelErrors { get; } =
        [typeof(KombuChannelException), typeof(MongoConnectionException), typeof(MongoCommandException)];

    /// <summary>The driver client of this connection, created on first use.</summary>
    public MongoClient MongoClient
    {
        get
        {
            lock (_lock)
                return _client ??= CreateClient();
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<ITransportConnection> EstablishConnectionAsync(CancellationToken cancellationToken = default)
    {
        await GetCollectionsAsync(cancellationToken).ConfigureAwait(false);
        return this;
    }

    /// <inheritdoc/>
    public override async ValueTask CloseConnectionAsync(ITransportConnection connection, CancellationToken cancellationToken = default)
    {
        await base.CloseConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
        MongoClient? client;
        MongoDbBroadcastCursor[] cursors;
        lock (_lock)
        {
            (client, _client, _collections) = (_client, null, null);
            cursors = [.. _cursors.Values];
            _cursors.Clear();
        }
        foreach (var cursor in cursors)
            cursor.Dispose();
        client?.Dispose();
    }

    /// <summary>The collections, opened (capped broadcast collection and indexes created) on first use.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The collections.</returns>
    internal async ValueTask<MongoDbCollections> GetCollectionsAsync(CancellationToken cancellationToken)
    {
        Task<MongoDbCollections> task;
        lock (_lock)
        {
            if (_collections is null || _collections.IsFaulted || _collections.IsCanceled)
                _collections = MongoDbCollections.OpenAsync(MongoClient.GetDatabase(DatabaseName), Options, Logger, CancellationToken.None);
            task = _collections;
        }
        return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a queue was bound to a fanout exchange through this connection (and is read from the broadcast collection).</summary>
    internal bool IsFanoutQueue(string queue)
    {
        lock (_lock)
            return _fanoutQueues.ContainsKey(queue);
    }

    /// <summary>The broadcast cursor of a fanout queue, opened after the exchange's newest message when there is none yet.</summary>
    /// <returns>The cursor, or <see langword="null"/> when the queue is not a fanout queue.</returns>
    /// <remarks>Kombu's <c>_get_broadcast_cursor</c>; the queue-to-exchange map outlives reconnects, the cursors do not.</remarks>
    internal async ValueTask<MongoDbBroadcastCursor?> FanoutCursorAsync(string queue, CancellationToken cancellationToken)
    {
        string? exchange;
        lock (_lock)
        {
            if (!_fanoutQueues.TryGetValue(queue, out exchange))
                return null;
            if (_cursors.TryGetValue(queue, out var existing))
                return existing;
        }
        var collections = await GetCollectionsAsync(cancellationToken).ConfigureAwait(false);
        var cursor = await MongoDbBroadcastCursor.OpenAsync(collections.Broadcast, queue, exchange, Logger, cancellationToken)
            .ConfigureAwait(false);
        lock (_lock)
        {
            if (!_cursors.TryGetValue(queue, out var raced))
                return _cursors[queue] = cursor;
            cursor.Dispose();
            return raced;
        }
    }

    /// <summary>Remembers a fanout queue and opens its cursor after the exchange's newest broadcast message.</summary>
    internal async ValueTask AddFanoutQueueAsync(string queue, string exchange, CancellationToken cancellationToken)
    {
        MongoDbBroadcastCursor? previous = null;
        lock (_lock)
        {
            if (!_fanoutQueues.TryGetValue(queue, out var bound) || bound != exchange)
                _cursors.Remove(queue, out previous);
            _fanoutQueues[queue] = exchange;
        }
        previous?.Dispose();
        await FanoutCursorAsync(queue, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets a fanout queue and closes its cursor.</summary>
    internal void RemoveFanoutQueue(string queue)
    {
        MongoDbBroadcastCursor? cursor;
        lock (_lock)
        {
            _fanoutQueues.Remove(queue);
            _cursors.Remove(queue, out cursor);
        }
        cursor?.Dispose();
    }

    /// <summary>Records a queue declared through this connection.</summary>
    internal void RememberQueue(string queue)
    {
        lock (_lock)
            _declared.Add(queue);
    }

    /// <summary>Forgets a deleted queue.</summary>
    internal void ForgetQueue(string queue)
    {
        lock (_lock)
            _declared.Remove(queue);
    }

    /// <summary>Whether a queue was declared through this connection and not deleted since.</summary>
    internal bool IsDeclared(string queue)
    {
        lock (_lock)
            return _declared.Contains(queue);
    }

    /// <inheritdoc/>
    protected override VirtualChannel CreateVirtualChannel() => new MongoDbChannel(this);

    private MongoClient CreateClient()
    {
        var settings = MongoClientSettings.FromUrl(Url);
        if (Options.Ssl && !MongoDbUri.NamesTls(_url))
            settings.UseTls = true;
        // connect_timeout (the transport option, else the connection's) bounds both the socket connect and the wait for
        // a usable server, so a refused or absent server fails in seconds instead of the driver's 30 s per attempt;
        // serverSelectionTimeoutMS in the URL still wins.
        var timeout = Options.ConnectTimeout ?? Client.ConnectTimeout;
        if (timeout > TimeSpan.Zero)
        {
            settings.ConnectTimeout = timeout;
            if (!_url.Contains("serverSelectionTimeoutMS", StringComparison.OrdinalIgnoreCase))
                settings.ServerSelectionTimeout = timeout;
        }
        return new MongoClient(settings);
    }
}
