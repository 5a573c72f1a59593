using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Kombu.Transport.Sql;

/// <summary>One Kombu database: its tables created once per process, its queue rows, and the four message operations.</summary>
/// <remarks>
/// Shared by every SQL connection of the process that names the same URL and tables, as Kombu caches one engine per
/// URL. Each operation borrows a pooled ADO.NET connection, so a store is safe to use from several threads.
/// </remarks>
internal sealed class SqlStore
{
    private static readonly ConcurrentDictionary<(string Url, SqlTableNames Tables), Lazy<SqlStore>> s_stores = new();

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _lastExpirySweep = new(StringComparer.Ordinal);
    private volatile bool _schemaReady;

    private SqlStore(SqlDialect dialect, SqlTableNames tables)
    {
        Dialect = dialect;
        Tables = tables;
    }

    public SqlDialect Dialect { get; }

    public SqlTableNames Tables { get; }

    /// <summary>The process-wide store of a database URL and table names, created on first use.</summary>
    /// <exception cref="ArgumentException">The URL is malformed or names an unsupported database.</exception>
    public static SqlStore For(string url, SqlTableNames tables)
    {
        var lazy = s_stores.GetOrAdd((url, tables), key => new Lazy<SqlStore>(() => new SqlStore(SqlDatabaseUrl.Parse(key.Url), key.Tables)));
        try
        {
            return lazy.Value;
        }
        catch (ArgumentException)
        {
            s_stores.TryRemove(new KeyValuePair<(string, SqlTableNames), Lazy<SqlStore>>((url, tables), lazy));
            throw;
        }
    }

    /// <summary>Opens a pooled connection, creating the tables first if this process has not done so yet.</summary>
    public async ValueTask<DbConnection> OpenAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var connection = Dialect.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_schemaReady)
                await CreateSchemaAsync(connection, logger, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Inserts a visible message row into a queue.</summary>
    public ValueTask PutAsync(string queue, string payload, ILogger logger, CancellationToken cancellationToken) =>
        PutAsync(queue, [payload], logger, cancellationToken);

    /// <summary>Inserts visible message rows into a queue, in order; more than one in a single transaction.</summary>
    public async ValueTask PutAsync(string queue, IReadOnlyList<string> payloads, ILogger logger,
        CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var queueId = await QueueIdAsync(connection, queue, logger, cancellationToken).ConfigureAwait(false);
        var insert = Command(connection, Dialect.InsertMessage(Tables), ("payload", payloads[0]), ("queue", queueId));
        await using var insertLifetime = insert.ConfigureAwait(false);
        if (payloads.Count == 1)
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transactionLifetime = transaction.ConfigureAwait(false);
        insert.Transaction = transaction;
        foreach (var payload in payloads)
        {
            insert.Parameters[0].Value = payload;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims the oldest visible message of a queue: marks it invisible with the claim time (Kombu's ORM update) and a
    /// negative version, which says "claimed, not settled yet" (see <see cref="SettleAsync"/>), and returns it.
    /// </summary>
    /// <returns>The claim (row id and its new, negative version) and the payload, or <see langword="null"/> when the queue has no visible message.</returns>
    public async ValueTask<(SqlClaim Claim, string Payload)?> ClaimAsync(string queue, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var queueId = await QueueIdAsync(connection, queue, logger, cancellationToken).ConfigureAwait(false);
        var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transactionLifetime = transaction.ConfigureAwait(false);
        long id;
        string payload;
        int version;
        var select = Command(connection, Dialect.SelectNext(Tables), ("queue", queueId));
        await using (select.ConfigureAwait(false))
        {
            select.Transaction = transaction;
            var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerLifetime = reader.ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                return null;
            (id, payload, version) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2));
        }
        var update = Command(connection,
            $"UPDATE {Tables.Message} SET visible = {Dialect.False}, \"timestamp\" = @now, version = -(version + 1) WHERE id = @id AND version = @version",
            ("now", Dialect.Timestamp(DateTime.Now)), ("id", id), ("version", version));
        await using var updateLifetime = update.ConfigureAwait(false);
        update.Transaction = transaction;
        var claimed = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed ? (new SqlClaim(id, -(version + 1)), payload) : null;
    }

    /// <summary>Marks a claimed row settled (acknowledged or rejected): a consumed row, invisible, as Kombu leaves it.</summary>
    /// <remarks>
    /// Kombu 5's tables have no column for a claim; the version column (SQLAlchemy's optimistic-lock counter, which
    /// Python Kombu only reads on visible rows) is negated while a row is claimed and made positive again here.
    /// </remarks>
    /// <remarks>
    /// Only this claim: a row whose claim expired and that another consumer claimed since has another version.
    /// </remarks>
    public async ValueTask SettleAsync(SqlClaim claim, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var update = Command(connection,
            $"UPDATE {Tables.Message} SET version = -version WHERE id = @id AND version = @version",
            ("id", claim.Id), ("version", claim.Version));
        await using var updateLifetime = update.ConfigureAwait(false);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a claimed row visible again with a new payload (the message marked redelivered).</summary>
    /// <returns>Whether the row still held this claim and is back in its queue.</returns>
    public async ValueTask<bool> RestoreAsync(SqlClaim claim, string payload, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var update = Command(connection,
            $"UPDATE {Tables.Message} SET visible = {Dialect.True}, version = -version, payload = @payload WHERE id = @id AND version = @version",
            ("id", claim.Id), ("version", claim.Version), ("payload", payload));
        await using var updateLifetime = update.ConfigureAwait(false);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Runs <see cref="RestoreExpiredAsync"/> for a queue when this process has not in the last half timeout.</summary>
    public async ValueTask RestoreExpiredIfDueAsync(string queue, TimeSpan visibilityTimeout, ILogger logger,
        CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        var last = _lastExpirySweep.GetValueOrDefault(queue, long.MinValue);
        if (last != long.MinValue && now - last < visibilityTimeout.TotalMilliseconds / 2)
            return;
        if (!_lastExpirySweep.TryUpdate(queue, now, last) && !_lastExpirySweep.TryAdd(queue, now))
            return;
        var restored = await RestoreExpiredAsync(queue, DateTime.Now - visibilityTimeout, logger, cancellationToken).ConfigureAwait(false);
        if (restored > 0)
            SqlLog.RestoredExpired(logger, restored, queue, visibilityTimeout);
    }

    /// <summary>Makes visible again the rows of a queue claimed before <paramref name="claimedBefore"/> and never settled.</summary>
    /// <returns>How many rows came back (their consumer died or outlived the visibility timeout).</returns>
    public async ValueTask<int> RestoreExpiredAsync(string queue, DateTime claimedBefore, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var queueId = await QueueIdAsync(connection, queue, logger, cancellationToken).ConfigureAwait(false);
        var update = Command(connection,
            $"UPDATE {Tables.Message} SET visible = {Dialect.True}, version = -version " +
            $"WHERE queue_id = @queue AND visible = {Dialect.False} AND version < 0 AND \"timestamp\" < @cutoff",
            ("queue", queueId), ("cutoff", Dialect.Timestamp(claimedBefore)));
        await using var updateLifetime = update.ConfigureAwait(false);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the visible messages of a queue (0 for a queue without a row).</summary>
    public async ValueTask<long> SizeAsync(string queue, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var count = Command(connection,
            $"SELECT COUNT(*) FROM {Tables.Message} m JOIN {Tables.Queue} q ON m.queue_id = q.id WHERE q.name = @name AND m.visible != {Dialect.False}",
            ("name", queue));
        await using var countLifetime = count.ConfigureAwait(false);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes every message row of a queue, consumed or not, as Kombu's <c>_purge</c> does.</summary>
    /// <returns>The number of rows deleted.</returns>
    public async ValueTask<long> PurgeAsync(string queue, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var delete = Command(connection,
            $"DELETE FROM {Tables.Message} WHERE queue_id IN (SELECT id FROM {Tables.Queue} WHERE name = @name)", ("name", queue));
        await using var deleteLifetime = delete.ConfigureAwait(false);
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the queue has a row.</summary>
    public async ValueTask<bool> HasQueueAsync(string queue, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        return await SelectQueueIdAsync(connection, queue, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Deletes a queue's messages and its row.</summary>
    public async ValueTask DeleteQueueAsync(string queue, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transactionLifetime = transaction.ConfigureAwait(false);
        foreach (var sql in new[]
                 {
                     $"DELETE FROM {Tables.Message} WHERE queue_id IN (SELECT id FROM {Tables.Queue} WHERE name = @name)",
                     $"DELETE FROM {Tables.Queue} WHERE name = @name",
                 })
        {
            var delete = Command(connection, sql, ("name", queue));
            await using var deleteLifetime = delete.ConfigureAwait(false);
            delete.Transaction = transaction;
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the queue's row when it has none.</summary>
    public async ValueTask EnsureQueueAsync(string queue, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(logger, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        await QueueIdAsync(connection, queue, logger, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<long> QueueIdAsync(DbConnection connection, string queue, ILogger logger, CancellationToken cancellationToken)
    {
        var id = await SelectQueueIdAsync(connection, queue, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            var insert = Command(connection, Dialect.InsertQueue(Tables), ("name", queue));
            await using (insert.ConfigureAwait(false))
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            id = await SelectQueueIdAsync(connection, queue, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The row of queue '{queue}' vanished from {Tables.Queue} right after it was inserted.");
            SqlLog.QueueCreated(logger, queue, id.Value, Dialect.DisplayUrl);
        }
        return id.Value;
    }

    private async ValueTask<long?> SelectQueueIdAsync(DbConnection connection, string queue, CancellationToken cancellationToken)
    {
        var select = Command(connection, $"SELECT id FROM {Tables.Queue} WHERE name = @name", ("name", queue));
        await using var selectLifetime = select.ConfigureAwait(false);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } value and not DBNull
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private async ValueTask CreateSchemaAsync(DbConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
                return;
            var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var statement in Dialect.CreateSchema(Tables))
                {
                    var command = Command(connection, statement);
                    await using var commandLifetime = command.ConfigureAwait(false);
                    command.Transaction = transaction;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            _schemaReady = true;
            SqlLog.SchemaReady(logger, Tables.Queue, Tables.Message, Dialect.DisplayUrl);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
