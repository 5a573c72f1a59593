using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kombu.Transport.Sql;

/// <summary>SQLite through Microsoft.Data.Sqlite, with the DDL SQLAlchemy's sqlite dialect emits for Kombu's models.</summary>
/// <remarks>
/// A claim runs in a <c>BEGIN IMMEDIATE</c> transaction, as Kombu's <c>_get</c> does on SQLite, so two processes never
/// claim the same row. An in-memory database (<c>sqlite://</c>) is shared by the whole process and kept alive by one
/// open connection.
/// </remarks>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly SqliteConnection? _keepAlive;

    public SqliteDialect(string connectionString, bool inMemory)
    {
        ConnectionString = connectionString;
        if (inMemory)
        {
            _keepAlive = new SqliteConnection(connectionString);
            _keepAlive.Open();
        }
    }

    public override string Name => "sqlite";

    public override string ConnectionString { get; }

    public override string DriverVersion => typeof(SqliteConnection).Assembly.GetName().Version?.ToString() ?? "N/A";

    public override string False => "0";

    /// <inheritdoc/>
    public override string True => "1";

    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        new(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override IReadOnlyList<string> CreateSchema(SqlTableNames tables) =>
    [
        $"CREATE TABLE IF NOT EXISTS {tables.Queue} (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\tname VARCHAR(200), \n\tUNIQUE (name)\n)",
        $"CREATE TABLE IF NOT EXISTS {tables.Message} (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\tvisible BOOLEAN, \n\ttimestamp DATETIME, " +
        $"\n\tpayload TEXT NOT NULL, \n\tversion SMALLINT NOT NULL, \n\tqueue_id INTEGER, \n\tCONSTRAINT \"FK_kombu_message_queue\" " +
        $"FOREIGN KEY(queue_id) REFERENCES {tables.Queue} (id)\n)",
        $"CREATE INDEX IF NOT EXISTS ix_{tables.Message}_visible ON {tables.Message} (visible)",
        $"CREATE INDEX IF NOT EXISTS ix_{tables.Message}_timestamp ON {tables.Message} (timestamp)",
        $"CREATE INDEX IF NOT EXISTS ix_kombu_message_timestamp_id ON {tables.Message} (timestamp, id)",
    ];

    public override string InsertQueue(SqlTableNames tables) =>
        $"INSERT INTO {tables.Queue} (name) VALUES (@name) ON CONFLICT (name) DO NOTHING";

    public override string InsertMessage(SqlTableNames tables) =>
        $"INSERT INTO {tables.Message} (visible, payload, version, queue_id) VALUES (1, @payload, 1, @queue)";

    public override string SelectNext(SqlTableNames tables) =>
        $"SELECT id, payload, version FROM {tables.Message} WHERE queue_id = @queue AND visible != 0 ORDER BY \"timestamp\", id LIMIT 1";

    public override object Timestamp(DateTime localTime) =>
        localTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public override void Dispose() => _keepAlive?.Dispose();
}
