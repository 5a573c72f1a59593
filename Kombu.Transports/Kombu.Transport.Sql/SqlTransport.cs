// Kombu for .NET — SQL database transport (Kombu 5 kombu.transport.sqlalchemy; Kombu 2.x kombu.transport.django)
//
// Type:                virtual (exchanges and bindings emulated in process memory, shared by the process's SQL
//                      connections as Kombu's class-level BrokerState; queues and messages are database rows)
// Exchange types:      direct, topic, headers. Fanout raises UnsupportedOperationException (Kombu's sqlalchemy
//                      transport has supports_fanout = False). Priorities: no. TTL: no.
// Databases:           SQLite (Microsoft.Data.Sqlite) and PostgreSQL (Npgsql), over ADO.NET.
// Connection string:   sqla+<SQLAlchemy URL> or sqlalchemy+<URL> (django+<URL> for the Kombu 2.x alias):
//                        sqla+sqlite:///relative/path.db     sqla+sqlite:////absolute/path.db     sqla+sqlite:// (memory)
//                        sqla+postgresql://user:password@host:5432/database   (postgresql+psycopg2:// etc. too)
//                      URL options: sqlite timeout (busy wait, seconds); postgresql sslmode, connect_timeout,
//                      application_name, host (socket directory).
// Transport options:   queue_tablename (kombu_queue), message_tablename (kombu_message), polling_interval (1 s;
//                      5 s under the django alias, Kombu 2.x's KOMBU_POLLING_INTERVAL default), deadletter_queue,
//                      body_encoding, visibility_timeout (600 s; ours only, see Receiving). Kombu passes other options
//                      to SQLAlchemy's create_engine; they are ignored here.
// Wire:                Kombu 5's tables exactly (§8.1): kombu_queue (id, name UNIQUE), kombu_message (id, visible,
//                      timestamp, payload, version, queue_id FK "FK_kombu_message_queue"), their indexes and, on
//                      PostgreSQL, the sequences queue_id_sequence/message_id_sequence; created when missing, so a
//                      Python Kombu process and this one share a database either way round. payload = envelope JSON.
// Receiving:           poll per consumed queue: in one transaction select the oldest visible row of the queue
//                      (ORDER BY timestamp, id; FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite),
//                      then UPDATE visible=false, timestamp=now, version=version+1 WHERE version matches (SQLAlchemy's
//                      optimistic-lock column) and commit: no message reaches two consumers. Our claim stores
//                      -(version + 1), a negative version, until the message is settled: Kombu 5's tables have no claim
//                      column, and Python Kombu reads versions only of visible rows. Beyond Kombu (whose rows stay
//                      invisible forever when their consumer dies), each poll of a queue first makes visible again its
//                      rows claimed (timestamp) more than visibility_timeout ago and never settled.
// Acknowledgement:     ack/reject makes the version positive again: the row stays consumed and invisible, as in Kombu;
//                      requeue and restore-on-close make the claimed row itself visible again, marked redelivered.
//                      Size counts visible rows; purge deletes all rows of the queue.
// Not supported:       MySQL and other SQLAlchemy dialects; Kombu 2.x Django's djkombu_* tables (the django alias uses
//                      Kombu 5's tables).
using Kombu.Exceptions;
using Kombu.Transport.Virtual;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kombu.Transport.Sql;

/// <summary>Transport over a SQL database: Kombu's virtual AMQP emulation on the tables of Kombu 5's sqlalchemy transport.</summary>
/// <remarks>
/// Kombu's <c>kombu.transport.sqlalchemy.Transport</c> (aliases <c>sqla</c>, <c>sqlalchemy</c>) and Kombu 2.x's
/// <c>kombu.transport.django.Transport</c> (alias <c>django</c>). The connection's host name is the whole database URL.
/// </remarks>
[ParsesOwnUrl]
public sealed class SqlTransport : VirtualTransport
{
    /// <summary>The polling interval of the <c>django</c> alias (Kombu 2.x's <c>KOMBU_POLLING_INTERVAL</c> default).</summary>
    public static readonly TimeSpan DjangoPollingInterval = TimeSpan.FromSeconds(5);

    private static readonly TransportCapabilities s_capabilities =
        new(new HashSet<string>(StringComparer.Ordinal) { "direct", "topic", "headers" });

    private static readonly BrokerState s_state = new();
    private readonly Lock _lock = new();
    private SqlStore? _store;

    /// <summary>Creates the transport for <paramref name="client"/>, reading its transport options.</summary>
    /// <param name="client">The connection that owns this transport.</param>
    /// <exception cref="ArgumentException">A transport option is malformed.</exception>
    public SqlTransport(Connection client) : base(client) =>
        Options = SqlTransportOptions.Parse(client.TransportOptions);

    /// <summary>The SQL transport options in force.</summary>
    public SqlTransportOptions Options { get; }

    /// <summary>The database URL (the connection's host name), such as <c>sqlite:///kombu.db</c>.</summary>
    public string? DatabaseUrl => string.IsNullOrEmpty(Client.Hostname) ? null : Client.Hostname;

    /// <summary>The process-wide exchanges and bindings, shared by every SQL connection as in Kombu.</summary>
    public override BrokerState State => s_state;

    /// <inheritdoc/>
    public override int? DefaultPort => 0;

    /// <inheritdoc/>
    public override string? DefaultHostname => null;

    /// <inheritdoc/>
    public override string DriverType => "sql";

    /// <inheritdoc/>
    public override string DriverName => Client.TransportName == "django" ? "django" : "sqlalchemy";

    /// <inheritdoc/>
    public override string DriverVersion => Store.Dialect.DriverVersion;

    /// <inheritdoc/>
    public override TransportCapabilities Implements => s_capabilities;

    /// <inheritdoc/>
    public override IReadOnlyList<Type> ConnectionErrors { get; } =
        [typeof(KombuConnectionException), typeof(NpgsqlException), typeof(System.Net.Sockets.SocketException), typeof(IOException)];

    /// <inheritdoc/>
    public override IReadOnlyList<Type> ChannelErrors { get; } = [typeof(KombuChannelException), typeof(SqliteException)];

    /// <summary>The database this connection uses, opened on first use.</summary>
    /// <exception cref="ArgumentException">The connection has no database URL, or it is malformed or unsupported.</exception>
    internal SqlStore Store
    {
        get
        {
            lock (_lock)
                return _store ??= SqlStore.For(DatabaseUrl ?? throw new ArgumentException(SqlErrors.MissingUrl(Client.TransportName)), Options.Tables);
        }
    }

    internal ILogger Log => Logger;

    /// <inheritdoc/>
    public override async ValueTask<ITransportConnection> EstablishConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await Store.OpenAsync(Logger, cancellationToken).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        return this;
    }

    /// <inheritdoc/>
    /// <remarks>5 s under the <c>django</c> alias (<see cref="DjangoPollingInterval"/>), 1 s otherwise.</remarks>
    protected override TimeSpan DefaultPollingInterval =>
        Client.TransportName == "django" ? DjangoPollingInterval : base.DefaultPollingInterval;

    /// <inheritdoc/>
    protected override VirtualChannel CreateVirtualChannel() => new SqlChannel(this);
}
