using System.Data.Common;
using Npgsql;

namespace Kombu.Transport.Sql;

/// <summary>PostgreSQL through Npgsql, with the DDL SQLAlchemy's postgresql dialect emits for Kombu's models.</summary>
/// <remarks>
/// Ids come from the sequences <c>queue_id_sequence</c> and <c>message_id_sequence</c>, as SQLAlchemy takes them
/// (the id columns have no default). A claim selects <c>FOR UPDATE SKIP LOCKED</c>: a row another consumer (ours or
/// Python Kombu's plain <c>FOR UPDATE</c>) has locked is passed over instead of waited for. Schema creation holds a
/// transaction-scoped advisory lock so that processes starting together do not race on <c>CREATE … IF NOT EXISTS</c>.
/// </remarks>
internal sealed class PostgreSqlDialect(string connectionString) : SqlDialect
{
    private const long SchemaLockKey = 0x6B6F6D6275; // "kombu"

    public override string Name => "postgresql";

    public override string ConnectionString { get; } = connectionString;

    public override string DriverVersion => typeof(NpgsqlConnection).Assembly.GetName().Version?.ToString() ?? "N/A";

    public override string False => "false";

    /// <inheritdoc/>
    public override string True => "true";

    public override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override IReadOnlyList<string> CreateSchema(SqlTableNames tables) =>
    [
        $"SELECT pg_advisory_xact_lock({SchemaLockKey})",
        "CREATE SEQUENCE IF NOT EXISTS queue_id_sequence",
        $"CREATE TABLE IF NOT EXISTS {tables.Queue} (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(200), \n\tPRIMARY KEY (id), \n\tUNIQUE (name)\n)",
        "CREATE SEQUENCE IF NOT EXISTS message_id_sequence",
        $"CREATE TABLE IF NOT EXISTS {tables.Message} (\n\tid INTEGER NOT NULL, \n\tvisible BOOLEAN, \n\t\"timestamp\" TIMESTAMP WITHOUT TIME ZONE, " +
        $"\n\tpayload TEXT NOT NULL, \n\tversion SMALLINT NOT NULL, \n\tqueue_id INTEGER, \n\tPRIMARY KEY (id), " +
        $"\n\tCONSTRAINT \"FK_kombu_message_queue\" FOREIGN KEY(queue_id) REFERENCES {tables.Queue} (id)\n)",
        $"CREATE INDEX IF NOT EXISTS ix_{tables.Message}_visible ON {tables.Message} (visible)",
        $"CREATE INDEX IF NOT EXISTS ix_{tables.Message}_timestamp ON {tables.Message} (\"timestamp\")",
        $"CREATE INDEX IF NOT EXISTS ix_kombu_message_timestamp_id ON {tables.Message} (\"timestamp\", id)",
    ];

    public override string InsertQueue(SqlTableNames tables) =>
        $"INSERT INTO {tables.Queue} (id, name) VALUES (nextval('queue_id_sequence'), @name) ON CONFLICT (name) DO NOTHING";

    public override string InsertMessage(SqlTableNames tables) =>
        $"INSERT INTO {tables.Message} (id, visible, payload, version, queue_id) VALUES (nextval('message_id_sequence'), true, @payload, 1, @queue)";

    public override string SelectNext(SqlTableNames tables) =>
        $"SELECT id, payload, version FROM {tables.Message} WHERE queue_id = @queue AND visible != false " +
        "ORDER BY \"timestamp\", id LIMIT 1 FOR UPDATE SKIP LOCKED";

    public override object Timestamp(DateTime localTime) => DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
}
