// Kombu for .NET — CouchDB transport (Kombu 2.x/3.x kombu.transport.couchdb; removed from Kombu in 4.0), over HttpClient
//
// Type:                virtual (routing emulated in .NET; messages are CouchDB documents; own small HTTP client)
// Exchange types:      direct, topic, headers (declarations and bindings in process memory, as Kombu).
//                      Fanout raises UnsupportedOperationException (CouchDB has no publish/subscribe). Priorities: no.
// Connection string:   couchdb://[user:password@][host][:port][/database]   (default localhost:5984; https when ssl is
//                      set). Credentials go as HTTP Basic auth. Database = the virtual host, or "kombu_default" when it
//                      is empty or "/"; created when missing.
// Transport options:   polling_interval (seconds, default 1), deadletter_queue, body_encoding (default base64).
// Wire:                one document per message: {"_id": 32 lowercase hex, "queue": <queue>, "payload": <envelope JSON
//                      string, §4.1>}; design document _design/kombu, view "messages" whose map emits
//                      (doc.queue, doc) for docs with queue and payload (wire format §9.2); written only when missing.
// Receiving:           GET the view with key=<queue> (a few rows), DELETE the first at its _rev and deliver it; a 409/404
//                      means another consumer took it, so the next row is tried. Removal happens on receipt; ack is local
//                      and restore re-posts the message, as in Kombu. size = rows of the key; purge deletes them.
// Differences:         ids are time-ordered (Kombu: uuid4 hex, so random order); a queue is FIFO per producer process.
//                      Rows that another consumer deleted first (409/404) are skipped instead of raising; a database or
//                      design document deleted while connected is made again on the next request.
// Not supported yet:   TLS options beyond https (client certificates, custom CA), an HTTP request timeout option
//                      (HttpClient's 100 s applies; connect_timeout bounds the TCP connect).
using Kombu.Exceptions;
using Kombu.Transport.Virtual;

namespace Kombu.Transport.CouchDb;

/// <summary>Transport over CouchDB: one document per message in the database named by the virtual host.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.couchdb.Transport</c> (URL <c>couchdb://host:5984/db</c>). Each connection has one HTTP
/// client; it checks the database and the design document when it connects. Exchanges, bindings and declared queues
/// live in the memory of the process, shared by its CouchDB connections (Kombu's class-level <c>BrokerState</c>).
/// </remarks>
public sealed class CouchDbTransport : VirtualTransport
{
    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "headers" });

    private static readonly BrokerState s_state = new();
    private static readonly HashSet<(Uri Server, string Database, string Queue)> s_declared = [];
    private readonly SemaphoreSlim _prepareGate = new(1, 1);
    private readonly Lock _lock = new();
    private CouchDbClient? _couch;
    private bool _prepared;

    /// <summary>Creates the transport for <paramref name="client"/>.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    public CouchDbTransport(Connection client) : base(client)
    {
    }

    /// <inheritdoc/>
    public override string DriverType => "couchdb";

    /// <inheritdoc/>
    public override string DriverName => "couchdb";

    /// <inheritdoc/>
    public override int? DefaultPort => CouchDbClient.DefaultPort;

    /// <inheritdoc/>
    public override TransportCapabilities Implements => s_capabilities;

    /// <inheritdoc/>
    public override IReadOnlyList<Type> ConnectionErrors { get; } =
        [typeof(KombuConnectionException), typeof(HttpRequestException), typeof(IOException)];

    /// <summary>The process-wide exchanges and bindings, shared by every CouchDB connection as in Kombu.</summary>
    public override BrokerState State => s_state;

    /// <summary>The server address, <c>http(s)://host:port/</c>, without credentials.</summary>
    public Uri ServerUri => new UriBuilder(Client.Ssl ? "https" : "http",
        string.IsNullOrEmpty(Client.Hostname) ? DefaultHostname ?? "localhost" : Client.Hostname,
        Client.Port ?? CouchDbClient.DefaultPort).Uri;

    /// <summary>The database the messages live in: the virtual host, or <c>kombu_default</c> when it is empty or <c>/</c>.</summary>
    public string Database => DatabaseFor(Client.VirtualHost);

    /// <summary>The database Kombu uses for a virtual host.</summary>
    /// <param name="virtualHost">The connection's virtual host.</param>
    /// <returns>The virtual host, or <c>kombu_default</c> when it is empty or <c>/</c>.</returns>
    public static string DatabaseFor(string? virtualHost) =>
        string.IsNullOrEmpty(virtualHost) || virtualHost == "/" ? CouchDbClient.DefaultDatabase : virtualHost;

    /// <inheritdoc/>
    public override async ValueTask<ITransportConnection> EstablishConnectionAsync(CancellationToken cancellationToken = default)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return this;
    }

    /// <inheritdoc/>
    public override async ValueTask CloseConnectionAsync(ITransportConnection connection, CancellationToken cancellationToken = default)
    {
        await base.CloseConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
        CouchDbClient? couch;
        lock (_lock)
        {
            (couch, _couch, _prepared) = (_couch, null, false);
        }
        couch?.Dispose();
    }

    /// <inheritdoc/>
    protected override VirtualChannel CreateVirtualChannel() => new CouchDbChannel(this);

    /// <summary>The HTTP client, after the database and the design document were checked once.</summary>
    internal async ValueTask<CouchDbClient> OpenAsync(CancellationToken cancellationToken)
    {
        CouchDbClient couch;
        lock (_lock)
        {
            couch = _couch ??= new CouchDbClient(ServerUri, Database, Client.UserId, Client.Password, Client.ConnectTimeout, Logger);
            if (_prepared)
                return couch;
        }
        await _prepareGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Volatile.Read(ref _prepared))
            {
                await couch.EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
                await couch.EnsureViewAsync(cancellationToken).ConfigureAwait(false);
                lock (_lock)
                    _prepared = ReferenceEquals(couch, _couch);
            }
        }
        finally
        {
            _prepareGate.Release();
        }
        return couch;
    }

    internal void RememberQueue(string queue, bool declared)
    {
        lock (s_declared)
        {
            if (declared)
                s_declared.Add((ServerUri, Database, queue));
            else
                s_declared.Remove((ServerUri, Database, queue));
        }
    }

    internal bool IsDeclared(string queue)
    {
        lock (s_declared)
            return s_declared.Contains((ServerUri, Database, queue));
    }
}
